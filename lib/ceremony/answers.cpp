#include "ceremony/answers.h"

#include "ceremony/script.h"
#include "ceremony/toml_reader.h"
#include "io/files.h"

namespace keyrite::ceremony {
namespace {

// A table of strings (`lists`: of strings or arrays of strings) into `out`.
template <typename Map, typename Put>
Status ReadTable(const TomlReader& reader, const toml::table& root, std::string_view name, Map& out,
                 Put put) {
  const toml::node* node = root.get(name);
  if (node == nullptr) return OkStatus();
  const toml::table* table = nullptr;
  KR_RETURN_IF_ERROR(reader.Table(*node, std::string(name), table));
  for (const auto& [key, value] : *table) {
    KR_RETURN_IF_ERROR(
        put(std::string(name) + "." + std::string(key.str()), value, out[std::string(key.str())]));
  }
  return OkStatus();
}

}  // namespace

Result<Answers> ParseAnswers(std::string_view text, const std::string& file) {
  const TomlReader reader{file};
  KR_ASSIGN_OR_RETURN(toml::table root, reader.Parse(text));
  KR_RETURN_IF_ERROR(reader.OnlyKeys(root, "", {"initials", "fields", "skip"}));
  auto one = [&](const std::string& key, const toml::node& value, std::string& out) -> Status {
    const std::optional<std::string> got = value.value<std::string>();
    if (!value.is_string() || !got || got->empty() || got->size() > kMaxValueChars) {
      return reader.Error(value, key, "must be a string of 1 to 512 characters");
    }
    out = *got;
    return OkStatus();
  };
  auto many = [&](const std::string& key, const toml::node& value,
                  std::vector<std::string>& out) -> Status {
    if (value.is_string()) {
      out.emplace_back();
      return one(key, value, out.back());
    }
    const toml::array* array = value.as_array();
    if (array == nullptr || array->empty() || array->size() > kMaxListItems) {
      return reader.Error(value, key, "must be a string or an array of 1 to 64 strings");
    }
    for (const toml::node& item : *array) {
      out.emplace_back();
      KR_RETURN_IF_ERROR(one(key, item, out.back()));
    }
    return OkStatus();
  };
  Answers answers;
  KR_RETURN_IF_ERROR(ReadTable(reader, root, "initials", answers.initials, one));
  KR_RETURN_IF_ERROR(ReadTable(reader, root, "fields", answers.fields, many));
  KR_RETURN_IF_ERROR(ReadTable(reader, root, "skip", answers.skip, one));
  return answers;
}

Result<Answers> ReadAnswersFile(const std::string& path) {
  KR_ASSIGN_OR_RETURN(std::string text, io::ReadPublicFile(path, kMaxAnswersBytes));
  return ParseAnswers(text, path);
}

}  // namespace keyrite::ceremony
