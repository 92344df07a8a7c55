#include "ceremony/run_values.h"

#include <algorithm>
#include <charconv>

#include "ceremony/references.h"

namespace keyrite::ceremony {
namespace {

bool IsListType(ValueType type) {
  return type == ValueType::kPathList || type == ValueType::kFingerprintList ||
         type == ValueType::kStringList;
}

Status BadSetting(std::string_view name, const std::string& why) {
  return Status(ErrorKind::kInvalidArgument, "--set " + std::string(name) + ": " + why);
}

std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  while (!text.empty()) {
    const std::size_t comma = text.find(',');
    items.emplace_back(text.substr(0, comma));
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

Result<RunValue> FromSetting(const Parameter& p, std::string_view text) {
  RunValue v;
  v.list = IsListType(p.type);
  v.items = v.list ? SplitList(text) : std::vector<std::string>{std::string(text)};
  for (const std::string& item : v.items) {
    if (item.empty() && p.type != ValueType::kString) return BadSetting(p.name, "an empty value");
    if (p.type == ValueType::kInt) {
      long long n = 0;
      const auto [end, ec] = std::from_chars(item.data(), item.data() + item.size(), n);
      if (ec != std::errc() || end != item.data() + item.size()) {
        return BadSetting(p.name, "must be an integer, not '" + item + "'");
      }
    }
    if (p.type == ValueType::kBool && item != "true" && item != "false") {
      return BadSetting(p.name, "must be true or false, not '" + item + "'");
    }
  }
  return v;
}

RunValue FromDefault(const Parameter& p, const Value& d) {
  RunValue v;
  v.list = IsListType(p.type);
  switch (d.kind) {
    case Value::Kind::kInt:
      v.items = {std::to_string(d.number)};
      break;
    case Value::Kind::kBool:
      v.items = {d.flag ? "true" : "false"};
      break;
    case Value::Kind::kString:
      v.items = {d.text};
      break;
    case Value::Kind::kList:
      v.items = d.items;
      break;
  }
  return v;
}

// A written value, resolved: a whole reference to a list stays a list; lists flatten.
Result<RunValue> ResolveValue(const Value& value, const Values& values) {
  RunValue out;
  auto add = [&](const std::string& text) -> Status {
    if (const std::optional<std::string> ref = WholeReference(text)) {
      const auto it = values.find(*ref);
      if (it == values.end()) return Status(ErrorKind::kNotFound, "{" + *ref + "} has no value");
      out.list = out.list || it->second.list;
      out.items.insert(out.items.end(), it->second.items.begin(), it->second.items.end());
      return OkStatus();
    }
    KR_ASSIGN_OR_RETURN(std::string resolved, Resolve(text, values));
    out.items.push_back(std::move(resolved));
    return OkStatus();
  };
  switch (value.kind) {
    case Value::Kind::kInt:
      out.items = {std::to_string(value.number)};
      break;
    case Value::Kind::kBool:
      out.items = {value.flag ? "true" : "false"};
      break;
    case Value::Kind::kString:
      KR_RETURN_IF_ERROR(add(value.text));
      break;
    case Value::Kind::kList:
      out.list = true;
      for (const std::string& item : value.items) KR_RETURN_IF_ERROR(add(item));
      break;
  }
  return out;
}

std::string FlagOf(std::string_view name) {
  std::string flag = "--" + std::string(name);
  std::replace(flag.begin(), flag.end(), '_', '-');
  return flag;
}

bool WritesDir(std::string_view action) {
  return action.starts_with("unsealer.") || action.starts_with("keystore.") ||
         action == "snapshot.restore";
}

}  // namespace

std::string RunValue::Text() const {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

Result<Values> ResolveParameters(const Script& script, const std::vector<std::string>& settings) {
  Values values;
  for (const Parameter& p : script.parameters) {
    if (p.default_value) values[p.name] = FromDefault(p, *p.default_value);
  }
  for (const std::string& setting : settings) {
    const std::size_t eq = setting.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status(ErrorKind::kInvalidArgument, "--set takes NAME=VALUE, not '" + setting + "'");
    }
    const std::string name = setting.substr(0, eq);
    const Parameter* p = FindParameter(script, name);
    if (p == nullptr) {
      return BadSetting(name, "the script " + script.name + " has no such parameter");
    }
    KR_ASSIGN_OR_RETURN(values[name], FromSetting(*p, std::string_view(setting).substr(eq + 1)));
  }
  return values;
}

Status CheckAllSet(const Script& script, const Values& values) {
  for (const Parameter& p : script.parameters) {
    if (!values.contains(p.name)) {
      return Status(ErrorKind::kInvalidArgument, "the parameter " + p.name + " (" + p.description +
                                                     ") has no default: give it with --set " +
                                                     p.name + "=VALUE");
    }
  }
  return OkStatus();
}

Result<std::string> Resolve(std::string_view text, const Values& values) {
  return Substitute(text, [&](std::string_view name) -> std::optional<std::string> {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second.Text();
  });
}

Result<RunValue> ArgumentValue(const Step& step, std::string_view name, const Values& values) {
  for (const Argument& arg : step.args) {
    if (arg.name == name) return ResolveValue(arg.value, values);
  }
  return RunValue{};
}

Result<std::vector<std::string>> ActionCommand(const ActionSpec& action, const Step& step,
                                               const Values& values) {
  std::vector<std::string> words = CommandWords(action);
  if (words.empty()) return words;
  const std::size_t command_words = words.size();
  std::vector<std::string> operands;
  for (const Argument& arg : step.args) {
    const ArgSpec* spec = FindArg(action, arg.name);
    if (spec == nullptr) {
      return Status(ErrorKind::kInvalidInput,
                    "step " + step.id + ": " + std::string(action.name) + " takes no " + arg.name);
    }
    KR_ASSIGN_OR_RETURN(RunValue value, ResolveValue(arg.value, values));
    if (spec->positional) {
      operands.insert(operands.end(), value.items.begin(), value.items.end());
    } else if (spec->type == ValueType::kBool) {
      if (value.items.size() == 1 && value.items[0] == "true") words.push_back(FlagOf(arg.name));
    } else {
      for (const std::string& item : value.items) {
        words.push_back(FlagOf(arg.name));
        words.push_back(item);
      }
    }
  }
  // Operands go right after the command words: a repeatable flag takes every word after it.
  words.insert(words.begin() + static_cast<std::ptrdiff_t>(command_words), operands.begin(),
               operands.end());
  return words;
}

std::vector<std::string> Outputs::All() const {
  std::vector<std::string> all = written;
  all.insert(all.end(), changed.begin(), changed.end());
  return all;
}

Result<Outputs> OutputPaths(const ActionSpec& action, const Step& step, const Values& values) {
  Outputs outputs;
  if (!action.changes_state) return outputs;
  for (std::string_view name : {"out", "print", "deliver_dir", "dir"}) {
    const bool in_place = name == "dir";
    if (in_place && !WritesDir(action.name)) continue;
    if (FindArg(action, name) == nullptr) continue;
    KR_ASSIGN_OR_RETURN(RunValue value, ArgumentValue(step, name, values));
    std::vector<std::string>& into = in_place ? outputs.changed : outputs.written;
    into.insert(into.end(), value.items.begin(), value.items.end());
  }
  return outputs;
}

}  // namespace keyrite::ceremony
