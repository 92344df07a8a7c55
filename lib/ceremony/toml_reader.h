#pragma once
// The strict TOML reading under script_parse.cpp: typed, bounded getters that reject unknown
// keys and wrong types with one line "FILE:LINE: KEY: what is wrong". Internal to the ceremony
// module; no secret passes through it.

#include <toml++/toml.h>

#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "ceremony/script.h"

namespace keyrite::ceremony {

int LineOf(const toml::node& node);

struct TomlReader {
  std::string file;

  std::string Where(int line) const;  // "FILE:LINE: "
  Status Error(const toml::node& node, const std::string& key, std::string_view what) const;
  Status ErrorAt(int line, const std::string& key, std::string_view what) const;
  Result<toml::table> Parse(std::string_view text) const;

  Status Table(const toml::node& node, const std::string& key, const toml::table*& out) const;
  Status OnlyKeys(const toml::table& t, const std::string& prefix,
                  std::initializer_list<std::string_view> allowed) const;
  Status String(const toml::table& t, const std::string& prefix, std::string_view name,
                bool required, std::size_t max_chars, std::string& out) const;
  Status Bool(const toml::table& t, const std::string& prefix, std::string_view name,
              bool& out) const;
  Status StringList(const toml::table& t, const std::string& prefix, std::string_view name,
                    std::vector<std::string>& out) const;
  // Calls `read` for each table of the array `name` (absent: none), with its key "name[i]".
  using ReadItem = std::function<Status(const toml::node&, const std::string& key)>;
  Status Array(const toml::table& t, const std::string& prefix, std::string_view name,
               const ReadItem& read) const;
  // A free-typed value (int, bool, string, or array of strings); absent: `out` unchanged.
  Status OptionalValue(const toml::table& t, const std::string& prefix, std::string_view name,
                       Value& out) const;
  Status ToValue(const toml::node& node, const std::string& key, Value& out) const;
  // A required id ([a-z0-9] then [a-z0-9._-], up to kMaxIdChars).
  Status Id(const toml::table& t, const std::string& prefix, std::string& out,
            std::string_view name = "id") const;
  Status IdText(const toml::node& node, const std::string& key, std::string_view id) const;
  // A reference name ([a-z0-9_]+): parameters and recorded fields.
  Status Name(const toml::node& node, const std::string& key, std::string_view name) const;
};

// Joins "acts[1]" and "title" as "acts[1].title"; an empty prefix gives the name alone.
std::string KeyPath(const std::string& prefix, std::string_view name);

}  // namespace keyrite::ceremony
