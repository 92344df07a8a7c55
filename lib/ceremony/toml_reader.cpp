#include "ceremony/toml_reader.h"

#include <algorithm>

#include "base/shown_text.h"

namespace keyrite::ceremony {
namespace {

constexpr std::size_t kMaxTomlMessageChars = 120;

bool IdChar(char c, bool first) {
  const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  return alnum || (!first && (c == '.' || c == '-' || c == '_'));
}

bool IsId(std::string_view id) {
  if (id.empty() || id.size() > kMaxIdChars) return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (!IdChar(id[i], i == 0)) return false;
  }
  return true;
}

}  // namespace

// The root table has no line of its own; its problems are reported on line 1.
int LineOf(const toml::node& node) { return std::max(1, static_cast<int>(node.source().begin.line)); }

std::string KeyPath(const std::string& prefix, std::string_view name) {
  return prefix.empty() ? std::string(name) : prefix + "." + std::string(name);
}

std::string TomlReader::Where(int line) const { return file + ":" + std::to_string(line) + ": "; }

Status TomlReader::Error(const toml::node& node, const std::string& key,
                         std::string_view what) const {
  return ErrorAt(LineOf(node), key, what);
}

Status TomlReader::ErrorAt(int line, const std::string& key, std::string_view what) const {
  return InvalidInput(Where(line) + ShownText(key, 80) + ": " + std::string(what));
}

Result<toml::table> TomlReader::Parse(std::string_view text) const {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    // toml++ quotes the offending characters, which may be a newline.
    return InvalidInput(Where(static_cast<int>(e.source().begin.line)) +
                        ShownText(e.description(), kMaxTomlMessageChars));
  } catch (const std::exception& e) {
    return InvalidInput(file + ": cannot read it as TOML: " +
                        ShownText(e.what(), kMaxTomlMessageChars));
  }
}

Status TomlReader::Table(const toml::node& node, const std::string& key,
                         const toml::table*& out) const {
  out = node.as_table();
  return out != nullptr ? OkStatus() : Error(node, key, "must be a table");
}

Status TomlReader::OnlyKeys(const toml::table& t, const std::string& prefix,
                            std::initializer_list<std::string_view> allowed) const {
  for (const auto& [name, value] : t) {
    if (std::find(allowed.begin(), allowed.end(), name.str()) == allowed.end()) {
      return Error(value, KeyPath(prefix, name.str()),
                   "unknown key (see docs/ceremony-scripts.md for the keys)");
    }
  }
  return OkStatus();
}

Status TomlReader::String(const toml::table& t, const std::string& prefix, std::string_view name,
                          bool required, std::size_t max_chars, std::string& out) const {
  const toml::node* node = t.get(name);
  const std::string key = KeyPath(prefix, name);
  if (node == nullptr) return required ? Error(t, key, "is missing") : OkStatus();
  const auto* s = node->as_string();
  if (s == nullptr) return Error(*node, key, "must be a string");
  if (s->get().empty()) return Error(*node, key, "must not be empty");
  if (s->get().size() > max_chars) {
    return Error(*node, key, "is longer than " + std::to_string(max_chars) + " characters");
  }
  out = s->get();
  return OkStatus();
}

Status TomlReader::Bool(const toml::table& t, const std::string& prefix, std::string_view name,
                        bool& out) const {
  const toml::node* node = t.get(name);
  if (node == nullptr) return OkStatus();
  const auto* b = node->as_boolean();
  if (b == nullptr) return Error(*node, KeyPath(prefix, name), "must be true or false");
  out = b->get();
  return OkStatus();
}

Status TomlReader::StringList(const toml::table& t, const std::string& prefix,
                              std::string_view name, std::vector<std::string>& out) const {
  const toml::node* node = t.get(name);
  if (node == nullptr) return OkStatus();
  Value v;
  KR_RETURN_IF_ERROR(ToValue(*node, KeyPath(prefix, name), v));
  if (v.kind != Value::Kind::kList) {
    return Error(*node, KeyPath(prefix, name), "must be an array of strings");
  }
  out = std::move(v.items);
  return OkStatus();
}

Status TomlReader::Array(const toml::table& t, const std::string& prefix, std::string_view name,
                         const ReadItem& read) const {
  const toml::node* node = t.get(name);
  if (node == nullptr) return OkStatus();
  const std::string key = KeyPath(prefix, name);
  const toml::array* a = node->as_array();
  if (a == nullptr) return Error(*node, key, "must be an array of tables ([[" + key + "]])");
  if (a->size() > kMaxSteps) return Error(*node, key, "has too many entries");
  for (std::size_t i = 0; i < a->size(); ++i) {
    KR_RETURN_IF_ERROR(read(*a->get(i), key + "[" + std::to_string(i + 1) + "]"));
  }
  return OkStatus();
}

Status TomlReader::OptionalValue(const toml::table& t, const std::string& prefix,
                                 std::string_view name, Value& out) const {
  const toml::node* node = t.get(name);
  return node == nullptr ? OkStatus() : ToValue(*node, KeyPath(prefix, name), out);
}

Status TomlReader::ToValue(const toml::node& node, const std::string& key, Value& out) const {
  out = Value{};
  if (const auto* i = node.as_integer()) {
    out.kind = Value::Kind::kInt;
    out.number = i->get();
  } else if (const auto* b = node.as_boolean()) {
    out.kind = Value::Kind::kBool;
    out.flag = b->get();
  } else if (const auto* s = node.as_string()) {
    if (s->get().size() > kMaxValueChars) return Error(node, key, "is too long");
    out.text = s->get();
  } else if (const auto* a = node.as_array()) {
    out.kind = Value::Kind::kList;
    if (a->size() > kMaxListItems) return Error(node, key, "has too many items");
    for (const toml::node& item : *a) {
      const auto* text = item.as_string();
      if (text == nullptr) return Error(item, key, "must hold only strings");
      if (text->get().empty() || text->get().size() > kMaxValueChars) {
        return Error(item, key, "holds an empty or too long string");
      }
      out.items.push_back(text->get());
    }
  } else {
    return Error(node, key, "must be an integer, true/false, a string or an array of strings");
  }
  return OkStatus();
}

Status TomlReader::Id(const toml::table& t, const std::string& prefix, std::string& out,
                      std::string_view name) const {
  KR_RETURN_IF_ERROR(String(t, prefix, name, true, kMaxIdChars, out));
  return IdText(*t.get(name), KeyPath(prefix, name), out);
}

Status TomlReader::IdText(const toml::node& node, const std::string& key,
                          std::string_view id) const {
  if (IsId(id)) return OkStatus();
  return Error(node, key,
               ShownText(id) + " is not an id: lowercase letters and digits, then . - _ "
               "(at most " + std::to_string(kMaxIdChars) + ")");
}

Status TomlReader::Name(const toml::node& node, const std::string& key,
                        std::string_view name) const {
  const bool ok = !name.empty() && name.size() <= kMaxIdChars &&
                  std::all_of(name.begin(), name.end(), [](char c) {
                    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                  });
  if (ok) return OkStatus();
  return Error(node, key, ShownText(name) + " is not a name: use a-z, 0-9 and _ (it is written "
               "{name} in references)");
}

}  // namespace keyrite::ceremony
