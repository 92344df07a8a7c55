#include "ceremony/lint_values.h"

#include <algorithm>
#include <charconv>

#include "base/shown_text.h"
#include "ceremony/references.h"

namespace keyrite::ceremony {
namespace {

struct RefInfo {
  ValueType type = ValueType::kString;
  const Value* default_value = nullptr;  // parameters with a default only
};

ValueType FieldType(const Scope& scope, const RecordField& f) {
  const bool many = ResolveInt(scope, f.count).value_or(1) != 1;
  switch (f.kind) {
    case FieldKind::kNumber: return many ? ValueType::kStringList : ValueType::kInt;
    case FieldKind::kFingerprint: return many ? ValueType::kFingerprintList : ValueType::kFingerprint;
    default: return many ? ValueType::kStringList : ValueType::kString;
  }
}

std::optional<RefInfo> FindRef(const Scope& scope, std::string_view name) {
  if (const Parameter* p = FindParameter(scope.script, name)) {
    return RefInfo{p->type, p->default_value ? &*p->default_value : nullptr};
  }
  for (const RecordField* f : scope.fields) {
    if (f->name == name) return RefInfo{FieldType(scope, *f), nullptr};
  }
  return std::nullopt;
}

bool IsList(ValueType t) {
  return t == ValueType::kPathList || t == ValueType::kFingerprintList ||
         t == ValueType::kStringList;
}

// The family of a type: string and path mix freely, a list takes its items' family.
int Family(ValueType t) {
  switch (t) {
    case ValueType::kInt: return 0;
    case ValueType::kBool: return 1;
    case ValueType::kFingerprint:
    case ValueType::kFingerprintList: return 2;
    default: return 3;
  }
}

bool Fits(ValueType want, ValueType have) {
  if (!IsList(want) && IsList(have)) return false;
  if (Family(want) == Family(have)) return true;
  // A number or a fingerprint may go into text, never into a list of files.
  return want != ValueType::kPathList && Family(want) == 3 && Family(have) != 1;
}

std::vector<std::string> UndefinedIn(const Scope& scope, std::string_view text) {
  Result<std::vector<std::string>> names = ReferencesIn(text);
  if (!names.ok()) return {names.status().message()};
  std::vector<std::string> problems;
  for (const std::string& name : *names) {
    if (!FindRef(scope, name)) {
      problems.push_back("{" + name + "} is not a parameter or a field recorded by an earlier step");
    }
  }
  return problems;
}

std::string ChoiceProblem(const ArgSpec& spec, const Value& value) {
  if (spec.choices.empty() || value.kind != Value::Kind::kString) return "";
  if (value.text.find('{') != std::string::npos) return "";  // known only at the ceremony
  for (std::string_view c : spec.choices) {
    if (c == value.text) return "";
  }
  std::string list;
  for (std::string_view c : spec.choices) list += (list.empty() ? "" : ", ") + std::string(c);
  return "must be one of " + list + ", not " + ShownText(value.text);
}

// The text of a parameter default for substitution ("3"), or nullopt.
std::optional<std::string> DefaultText(const Scope& scope, std::string_view name) {
  const std::optional<RefInfo> ref = FindRef(scope, name);
  if (!ref || ref->default_value == nullptr) return std::nullopt;
  const Value& v = *ref->default_value;
  if (v.kind == Value::Kind::kInt) return std::to_string(v.number);
  if (v.kind == Value::Kind::kString) return v.text;
  return std::nullopt;
}

// How many items a list argument holds, when the script says (a literal or a default).
std::optional<std::int64_t> ListSize(const Scope& scope, const Value& value) {
  if (value.kind == Value::Kind::kList) return static_cast<std::int64_t>(value.items.size());
  const std::optional<std::string> ref = WholeReference(value.text);
  if (value.kind != Value::Kind::kString || !ref) return std::nullopt;
  const std::optional<RefInfo> info = FindRef(scope, *ref);
  if (!info || info->default_value == nullptr) return std::nullopt;
  if (info->default_value->kind != Value::Kind::kList) return std::nullopt;
  return static_cast<std::int64_t>(info->default_value->items.size());
}

const Value* ArgValue(const Step& step, std::string_view name) {
  for (const Argument& a : step.args) {
    if (a.name == name) return &a.value;
  }
  return nullptr;
}

std::optional<std::int64_t> CustodianCount(const Scope& scope) {
  for (const Role& r : scope.script.roles) {
    if (r.kind != RoleKind::kCustodian) continue;
    if (!r.members.empty()) return static_cast<std::int64_t>(r.members.size());
    return ResolveInt(scope, r.count);
  }
  return std::nullopt;
}

std::optional<std::int64_t> ParseCount(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

// keygen's split = "TofN", with parameter defaults substituted: {T, N}.
std::optional<std::pair<std::int64_t, std::int64_t>> KeygenSplit(const Scope& scope,
                                                                 const Value& value) {
  if (value.kind != Value::Kind::kString) return std::nullopt;
  Result<std::string> text =
      Substitute(value.text, [&](std::string_view name) { return DefaultText(scope, name); });
  if (!text.ok()) return std::nullopt;
  const std::size_t of = text->find("of");
  if (of == std::string::npos) return std::pair<std::int64_t, std::int64_t>{0, 0};
  const auto t = ParseCount(std::string_view(*text).substr(0, of));
  const auto n = ParseCount(std::string_view(*text).substr(of + 2));
  if (!t || !n) return std::pair<std::int64_t, std::int64_t>{0, 0};
  return std::pair{*t, *n};
}

void CompareCounts(std::vector<std::string>& out, std::int64_t t, std::optional<std::int64_t> n,
                   const char* what) {
  if (n && t > *n) {
    out.push_back("threshold " + std::to_string(t) + " is more than the " + std::to_string(*n) +
                  " " + what);
  }
}

}  // namespace

bool IsFingerprint(std::string_view text) {
  const bool hex = std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
  return hex && (text.size() == 40 || text.size() == 64);
}

std::optional<std::int64_t> ResolveInt(const Scope& scope, const Value& value) {
  if (value.kind == Value::Kind::kInt) return value.number;
  const std::optional<std::string> ref =
      value.kind == Value::Kind::kString ? WholeReference(value.text) : std::nullopt;
  if (!ref) return std::nullopt;
  const std::optional<RefInfo> info = FindRef(scope, *ref);
  if (!info || info->type != ValueType::kInt || info->default_value == nullptr) return std::nullopt;
  if (info->default_value->kind != Value::Kind::kInt) return std::nullopt;
  return info->default_value->number;
}

std::vector<std::string> TextProblems(const Scope& scope, std::string_view text) {
  return UndefinedIn(scope, text);
}

std::string LiteralProblem(ValueType type, const Value& value) {
  using K = Value::Kind;
  const bool refs = value.kind == K::kString && value.text.find('{') != std::string::npos;
  switch (type) {
    case ValueType::kInt: return value.kind == K::kInt ? "" : "must be an integer";
    case ValueType::kBool: return value.kind == K::kBool ? "" : "must be true or false";
    case ValueType::kString:
    case ValueType::kPath:
      return value.kind == K::kString && !value.text.empty() ? "" : "must be a string";
    case ValueType::kFingerprint:
      return value.kind == K::kString && (refs || IsFingerprint(value.text))
                 ? ""
                 : "must be a fingerprint: 40 or 64 hex digits";
    case ValueType::kFingerprintList:
      if (value.kind == K::kList) {
        for (const std::string& item : value.items) {
          if (item.find('{') == std::string::npos && !IsFingerprint(item))
            return "holds " + ShownText(item) + ", not 40 or 64 hex digits";
        }
        return "";
      }
      return LiteralProblem(ValueType::kFingerprint, value);
    default:
      return value.kind == K::kList || value.kind == K::kString ? "" : "must be a string or an array of strings";
  }
}

std::vector<std::string> ArgProblems(const Scope& scope, const ArgSpec& spec, const Value& value) {
  const std::optional<std::string> ref =
      value.kind == Value::Kind::kString ? WholeReference(value.text) : std::nullopt;
  if (ref) {
    const std::optional<RefInfo> info = FindRef(scope, *ref);
    if (!info) return UndefinedIn(scope, value.text);
    if (Fits(spec.type, info->type)) return {};
    return {"is {" + *ref + "}, a " + std::string(ValueTypeName(info->type)) + "; it must be a " +
            std::string(ValueTypeName(spec.type))};
  }
  std::vector<std::string> problems;
  const std::string literal = LiteralProblem(spec.type, value);
  if (!literal.empty()) problems.push_back(literal);
  const std::string choice = ChoiceProblem(spec, value);
  if (!choice.empty()) problems.push_back(choice);
  std::vector<std::string> texts = value.items;
  if (value.kind == Value::Kind::kString) texts.push_back(value.text);
  for (const std::string& text : texts) {
    for (std::string& p : UndefinedIn(scope, text)) problems.push_back(std::move(p));
  }
  return problems;
}

std::vector<std::string> ThresholdProblems(const Scope& scope, const Step& step) {
  std::vector<std::string> out;
  const Value* threshold = ArgValue(step, "threshold");
  const Value* split = step.action == "keygen" ? ArgValue(step, "split") : nullptr;
  const auto tn = split ? KeygenSplit(scope, *split) : std::nullopt;
  if (tn && tn->first == 0) return {"args.split must be TofN, e.g. 3of5"};
  const std::optional<std::int64_t> resolved =
      threshold ? ResolveInt(scope, *threshold) : std::nullopt;
  if (!tn && !resolved) return out;
  const std::int64_t t = tn ? tn->first : *resolved;
  if (t < 1) return {"threshold " + std::to_string(t) + " must be at least 1"};
  if (tn) CompareCounts(out, t, tn->second, "shares");
  for (const char* list : {"custodian", "to"}) {
    if (const Value* v = ArgValue(step, list)) CompareCounts(out, t, ListSize(scope, *v), "certificates given");
  }
  if (const Value* shares = ArgValue(step, "shares")) CompareCounts(out, t, ResolveInt(scope, *shares), "shares");
  const bool to_custodians = step.action.rfind("unsealer.", 0) == 0 || ArgValue(step, "to");
  if (to_custodians) CompareCounts(out, t, CustodianCount(scope), "custodians of this script");
  return out;
}

}  // namespace keyrite::ceremony
