#include "ceremony/script_parse.h"

#include <toml++/toml.h>

#include <algorithm>
#include <set>

#include "base/shown_text.h"
#include "ceremony/toml_reader.h"
#include "io/files.h"

namespace keyrite::ceremony {
namespace {

using Keys = std::initializer_list<std::string_view>;

Status ReadMember(const TomlReader& r, const toml::node& node, const std::string& key,
                  Member& member) {
  const toml::table* t = nullptr;
  KR_RETURN_IF_ERROR(r.Table(node, key, t));
  KR_RETURN_IF_ERROR(r.OnlyKeys(*t, key, Keys{"name", "fingerprint"}));
  KR_RETURN_IF_ERROR(r.String(*t, key, "name", true, kMaxValueChars, member.name));
  return r.String(*t, key, "fingerprint", true, kMaxValueChars, member.fingerprint);
}

Status ReadRole(const TomlReader& r, std::string_view id, const toml::node& node, Role& role) {
  const std::string key = "roles." + std::string(id);
  const toml::table* t = nullptr;
  KR_RETURN_IF_ERROR(r.Table(node, key, t));
  KR_RETURN_IF_ERROR(r.OnlyKeys(*t, key, Keys{"kind", "title", "count", "bring_certificate",
                                               "members"}));
  role.id = std::string(id);
  role.line = LineOf(node);
  std::string kind;
  KR_RETURN_IF_ERROR(r.String(*t, key, "kind", true, kMaxIdChars, kind));
  const std::optional<RoleKind> parsed = ParseRoleKind(kind);
  if (!parsed) {
    return r.Error(*t->get("kind"), key + ".kind",
                   "must be administrator, auditor, witness, custodian or printer");
  }
  role.kind = *parsed;
  KR_RETURN_IF_ERROR(r.String(*t, key, "title", false, kMaxValueChars, role.title));
  KR_RETURN_IF_ERROR(r.OptionalValue(*t, key, "count", role.count));
  KR_RETURN_IF_ERROR(r.Bool(*t, key, "bring_certificate", role.bring_certificate));
  return r.Array(*t, key, "members", [&](const toml::node& n, const std::string& k) {
    role.members.emplace_back();
    return ReadMember(r, n, k, role.members.back());
  });
}

Status ReadParameter(const TomlReader& r, std::string_view name, const toml::node& node,
                     Parameter& p) {
  const std::string key = "parameters." + std::string(name);
  const toml::table* t = nullptr;
  KR_RETURN_IF_ERROR(r.Table(node, key, t));
  KR_RETURN_IF_ERROR(r.OnlyKeys(*t, key, Keys{"type", "default", "description"}));
  KR_RETURN_IF_ERROR(r.Name(node, key, name));
  p.name = std::string(name);
  p.line = LineOf(node);
  std::string type;
  KR_RETURN_IF_ERROR(r.String(*t, key, "type", true, kMaxIdChars, type));
  const std::optional<ValueType> parsed = ParseValueType(type);
  if (!parsed) {
    return r.Error(*t->get("type"), key + ".type",
                   "must be int, string, path, bool, fingerprint, path-list, fingerprint-list "
                   "or string-list");
  }
  p.type = *parsed;
  KR_RETURN_IF_ERROR(r.String(*t, key, "description", false, kMaxTextChars, p.description));
  if (t->get("default") == nullptr) return OkStatus();
  p.default_value.emplace();
  return r.OptionalValue(*t, key, "default", *p.default_value);
}

Status ReadPreflight(const TomlReader& r, const toml::node& node, Preflight& p) {
  const toml::table* t = nullptr;
  KR_RETURN_IF_ERROR(r.Table(node, "preflight", t));
  KR_RETURN_IF_ERROR(r.OnlyKeys(*t, "preflight", Keys{"doctor", "digest_confirmed_by"}));
  p.present = true;
  p.line = LineOf(node);
  KR_RETURN_IF_ERROR(r.Bool(*t, "preflight", "doctor", p.doctor));
  return r.StringList(*t, "preflight", "digest_confirmed_by", p.digest_confirmed_by);
}

Status ReadRecordField(const TomlReader& r, const toml::node& node, const std::string& key,
                       RecordField& f) {
  const toml::table* t = nullptr;
  KR_RETURN_IF_ERROR(r.Table(node, key, t));
  KR_RETURN_IF_ERROR(r.OnlyKeys(*t, key, Keys{"name", "prompt", "kind", "count"}));
  f.line = LineOf(node);
  KR_RETURN_IF_ERROR(r.String(*t, key, "name", true, kMaxIdChars, f.name));
  KR_RETURN_IF_ERROR(r.Name(*t->get("name"), key + ".name", f.name));
  KR_RETURN_IF_ERROR(r.String(*t, key, "prompt", true, kMaxValueChars, f.prompt));
  std::string kind = "text";
  KR_RETURN_IF_ERROR(r.String(*t, key, "kind", false, kMaxIdChars, kind));
  const std::optional<FieldKind> parsed = ParseFieldKind(kind);
  if (!parsed) {
    return r.Error(*t->get("kind"), key + ".kind",
                   "must be text, number, serial, fingerprint or digest");
  }
  f.kind = *parsed;
  f.count.kind = Value::Kind::kInt;
  f.count.number = 1;
  return r.OptionalValue(*t, key, "count", f.count);
}

Status ReadArgs(const TomlReader& r, const toml::node& node, const std::string& key, Step& s) {
  const toml::table* t = nullptr;
  KR_RETURN_IF_ERROR(r.Table(node, key, t));
  if (t->size() > kMaxListItems) return r.Error(node, key, "has too many arguments");
  for (const auto& [name, value] : *t) {
    Argument a{std::string(name.str()), {}, LineOf(value)};
    KR_RETURN_IF_ERROR(r.ToValue(value, key + "." + a.name, a.value));
    s.args.push_back(std::move(a));
  }
  return OkStatus();
}

Status ReadStep(const TomlReader& r, const toml::node& node, const std::string& key, Step& s) {
  const toml::table* t = nullptr;
  KR_RETURN_IF_ERROR(r.Table(node, key, t));
  KR_RETURN_IF_ERROR(r.OnlyKeys(*t, key, Keys{"id", "instruction", "action", "args", "confirm",
                                               "record", "skippable", "approve_skip"}));
  s.line = LineOf(node);
  KR_RETURN_IF_ERROR(r.Id(*t, key, s.id));
  KR_RETURN_IF_ERROR(r.String(*t, key, "instruction", true, kMaxTextChars, s.instruction));
  KR_RETURN_IF_ERROR(r.String(*t, key, "action", false, kMaxIdChars, s.action));
  if (const toml::node* args = t->get("args")) KR_RETURN_IF_ERROR(ReadArgs(r, *args, key + ".args", s));
  KR_RETURN_IF_ERROR(r.StringList(*t, key, "confirm", s.confirm));
  KR_RETURN_IF_ERROR(r.Bool(*t, key, "skippable", s.skippable));
  KR_RETURN_IF_ERROR(r.StringList(*t, key, "approve_skip", s.approve_skip));
  return r.Array(*t, key, "record", [&](const toml::node& n, const std::string& k) {
    s.record.emplace_back();
    return ReadRecordField(r, n, k, s.record.back());
  });
}

Status ReadAct(const TomlReader& r, const toml::node& node, const std::string& key, Act& act) {
  const toml::table* t = nullptr;
  KR_RETURN_IF_ERROR(r.Table(node, key, t));
  KR_RETURN_IF_ERROR(r.OnlyKeys(*t, key, Keys{"id", "title", "steps"}));
  act.line = LineOf(node);
  KR_RETURN_IF_ERROR(r.Id(*t, key, act.id));
  KR_RETURN_IF_ERROR(r.String(*t, key, "title", true, kMaxValueChars, act.title));
  return r.Array(*t, key, "steps", [&](const toml::node& n, const std::string& k) {
    act.steps.emplace_back();
    return ReadStep(r, n, k, act.steps.back());
  });
}

// Numbers the steps ("2.3"), bounds the total and rejects a step id used twice: the runner
// resumes by id, so two steps with one id would make a resume ambiguous.
Status NumberSteps(const TomlReader& r, Script& script) {
  std::set<std::string> ids;
  std::size_t total = 0;
  for (std::size_t a = 0; a < script.acts.size(); ++a) {
    for (std::size_t s = 0; s < script.acts[a].steps.size(); ++s) {
      Step& step = script.acts[a].steps[s];
      step.number = std::to_string(a + 1) + "." + std::to_string(s + 1);
      if (++total > kMaxSteps) return r.ErrorAt(step.line, "acts", "has too many steps");
      if (!ids.insert(step.id).second) {
        return r.ErrorAt(step.line, "step " + step.id, "the id is used twice; ids must be unique");
      }
    }
  }
  return OkStatus();
}

template <typename T, typename F>
Status ReadNamedTables(const TomlReader& r, const toml::table& doc, const char* key,
                       std::size_t max, std::vector<T>& out, F&& read) {
  const toml::node* node = doc.get(key);
  if (node == nullptr) return OkStatus();
  const toml::table* t = nullptr;
  KR_RETURN_IF_ERROR(r.Table(*node, key, t));
  if (t->size() > max) return r.Error(*node, key, "has too many entries");
  for (const auto& [name, value] : *t) {
    out.emplace_back();
    KR_RETURN_IF_ERROR(read(name.str(), value, out.back()));
  }
  // toml++ keeps a table's keys sorted; people listed roles and parameters in a reading order.
  std::stable_sort(out.begin(), out.end(), [](const T& a, const T& b) { return a.line < b.line; });
  return OkStatus();
}

Status ReadHeader(const TomlReader& r, const toml::table& doc, Script& s) {
  KR_RETURN_IF_ERROR(r.String(doc, "", "format", true, kMaxValueChars, s.format));
  if (s.format != kFormatV1) {
    return Unsupported(r.Where(doc.get("format")->source().begin.line) + "format: " +
                       ShownText(s.format) + " is not " + std::string(kFormatV1) +
                       "; this keyrite reads only that version");
  }
  KR_RETURN_IF_ERROR(r.Id(doc, "", s.name, "name"));
  KR_RETURN_IF_ERROR(r.String(doc, "", "version", true, kMaxIdChars, s.version));
  KR_RETURN_IF_ERROR(r.String(doc, "", "title", true, kMaxValueChars, s.title));
  return r.String(doc, "", "purpose", true, kMaxTextChars, s.purpose);
}

Status ReadDocument(const TomlReader& r, const toml::table& doc, Script& s) {
  KR_RETURN_IF_ERROR(r.OnlyKeys(doc, "", Keys{"format", "name", "version", "title", "purpose",
                                               "roles", "parameters", "preflight", "acts"}));
  KR_RETURN_IF_ERROR(ReadHeader(r, doc, s));
  KR_RETURN_IF_ERROR(ReadNamedTables(r, doc, "roles", kMaxRoles, s.roles,
      [&](std::string_view id, const toml::node& n, Role& role) {
        const Status id_ok = r.IdText(n, "roles." + std::string(id), id);
        return id_ok.ok() ? ReadRole(r, id, n, role) : id_ok;
      }));
  KR_RETURN_IF_ERROR(ReadNamedTables(r, doc, "parameters", kMaxParameters, s.parameters,
      [&](std::string_view name, const toml::node& n, Parameter& p) {
        return ReadParameter(r, name, n, p);
      }));
  if (const toml::node* p = doc.get("preflight")) KR_RETURN_IF_ERROR(ReadPreflight(r, *p, s.preflight));
  KR_RETURN_IF_ERROR(r.Array(doc, "", "acts", [&](const toml::node& n, const std::string& k) {
    if (s.acts.size() >= kMaxActs) return r.Error(n, "acts", "has too many acts");
    s.acts.emplace_back();
    return ReadAct(r, n, k, s.acts.back());
  }));
  return NumberSteps(r, s);
}

}  // namespace

Result<Script> ParseScript(std::string_view text, std::string_view file) {
  const TomlReader reader{std::string(file)};
  if (text.size() > kMaxScriptBytes) {
    return InvalidInput(reader.file + ": larger than " + std::to_string(kMaxScriptBytes) +
                        " bytes; a ceremony script is a few kilobytes");
  }
  Result<toml::table> doc = reader.Parse(text);
  if (!doc.ok()) return doc.status();
  Script script;
  script.file = reader.file;
  KR_RETURN_IF_ERROR(ReadDocument(reader, *doc, script));
  return script;
}

Result<Script> ReadScriptFile(const std::string& path) {
  Result<std::string> text = io::ReadPublicFile(path, kMaxScriptBytes);
  if (!text.ok()) return text.status();  // it names the file
  return ParseScript(*text, path);
}

}  // namespace keyrite::ceremony
