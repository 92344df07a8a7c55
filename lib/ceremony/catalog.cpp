#include "ceremony/catalog.h"

#include "ceremony/script_parse.h"
#include "io/files.h"

namespace keyrite::ceremony {
namespace {

constexpr std::size_t kMaxCatalogFiles = 1000;

bool IsScriptName(const std::string& name) {
  return name.size() > 5 && name.compare(name.size() - 5, 5, ".toml") == 0;
}

CatalogEntry Summarize(const std::string& path) {
  CatalogEntry entry;
  entry.path = path;
  Result<Script> script = ReadScriptFile(path);
  if (!script.ok()) {
    entry.problem = script.status().message();
    return entry;
  }
  entry.name = script->name;
  entry.version = script->version;
  entry.title = script->title;
  for (const Role& r : script->roles) {
    entry.roles.push_back(r.id + " (" + std::string(RoleKindName(r.kind)) + ")");
  }
  entry.steps = AllSteps(*script).size();
  return entry;
}

}  // namespace

Result<std::vector<CatalogEntry>> ListScripts(const std::string& dir) {
  if (!io::IsDirectory(dir)) return NotFound(dir + " is not a directory of ceremony scripts");
  KR_ASSIGN_OR_RETURN(std::vector<std::string> names, io::ListDirectory(dir));
  std::vector<CatalogEntry> entries;
  for (const std::string& name : names) {
    if (!IsScriptName(name)) continue;
    if (entries.size() >= kMaxCatalogFiles) {
      return InvalidInput(dir + " holds more than " + std::to_string(kMaxCatalogFiles) + " scripts");
    }
    entries.push_back(Summarize(io::JoinPath(dir, name)));
  }
  return entries;
}

}  // namespace keyrite::ceremony
