#include "snapshot/vault.h"

#include <archive.h>
#include <archive_entry.h>
#include <sys/stat.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <string_view>

#include "base/hex.h"
#include "snapshot/crypto.h"

namespace keyrite::snapshot {
namespace {

constexpr const char* kNames[] = {"meta.json", "state.bin", "SHA256SUMS", "SHA256SUMS.sealed"};
constexpr std::size_t kMaxSmallMember = 1 << 20;  // meta.json, SHA256SUMS, SHA256SUMS.sealed

struct ArchiveFree {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

std::string ErrorText(archive* a) {
  const char* why = archive_error_string(a);
  return why != nullptr ? why : "unreadable";
}

Status ArchiveError(archive* a, const std::string& where) {
  // libarchive's gzip filter reports a missing or wrong gzip trailer without a message.
  if (archive_error_string(a) == nullptr) {
    return Corrupt("truncated or damaged (" + where + ": the gzip stream ends early or its trailer "
                   "does not match)");
  }
  const std::string text = ErrorText(a);
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  if (lower.find("truncated") != std::string::npos || lower.find("premature") != std::string::npos ||
      lower.find("unexpected end") != std::string::npos) {
    return Corrupt("truncated (" + where + ": " + text + ")");
  }
  return Corrupt(where + ": " + text);
}

bool Known(std::string_view name) {
  return std::find(std::begin(kNames), std::end(kNames), name) != std::end(kNames);
}

// Streams one entry's data: its size, SHA-256 and (for the small members) its text. The data
// is Vault's own ciphertext and metadata, not a keyrite secret; the hash state is locked anyway.
Result<VaultMember> ReadMember(archive* a, const std::string& name, std::string* text) {
  VaultMember m{name, 0, {}};
  SecretSha256 sha;
  std::vector<std::uint8_t> buffer(64 * 1024);
  for (;;) {
    const la_ssize_t n = archive_read_data(a, buffer.data(), buffer.size());
    if (n < 0) return ArchiveError(a, name);
    if (n == 0) break;
    const std::span<const std::uint8_t> got(buffer.data(), static_cast<std::size_t>(n));
    sha.Update(got);
    m.size += got.size();
    if (text == nullptr) continue;
    if (m.size > kMaxSmallMember) return InvalidInput(name + ": larger than 1 MiB");
    text->append(reinterpret_cast<const char*>(got.data()), got.size());
  }
  m.sha256 = sha.Final();
  return m;
}

struct Collected {
  std::vector<VaultMember> members;
  std::string meta_json;
  std::string sums;
};

Status CheckEntry(archive_entry* e, const Collected& c, std::string& name) {
  const char* raw = archive_entry_pathname(e);
  name = raw != nullptr ? raw : "";
  if (!Known(name)) return InvalidInput("unknown member '" + name + "' (not a raft snapshot)");
  for (const VaultMember& m : c.members) {
    if (m.name == name) return InvalidInput("member '" + name + "' appears twice");
  }
  if (archive_entry_filetype(e) != AE_IFREG) {
    return InvalidInput("member '" + name + "' is not a regular file");
  }
  return OkStatus();
}

Result<Collected> ReadArchive(const std::string& path) {
  ArchivePtr a(archive_read_new());
  archive_read_support_filter_gzip(a.get());
  archive_read_support_format_tar(a.get());
  if (archive_read_open_filename(a.get(), path.c_str(), 64 * 1024) != ARCHIVE_OK) {
    const Status s = ArchiveError(a.get(), "opening");
    if (s.message().starts_with("truncated")) return s;
    return InvalidInput("not a gzip'd tar archive (" + ErrorText(a.get()) + ")");
  }
  Collected c;
  archive_entry* e = nullptr;
  int rc = ARCHIVE_OK;
  while ((rc = archive_read_next_header(a.get(), &e)) == ARCHIVE_OK) {
    if (archive_filter_code(a.get(), 0) != ARCHIVE_FILTER_GZIP) {
      return InvalidInput("not gzip-compressed (a raft snapshot is a gzip'd tar)");
    }
    std::string name;
    KR_RETURN_IF_ERROR(CheckEntry(e, c, name));
    std::string* text = name == "meta.json" ? &c.meta_json : name == "SHA256SUMS" ? &c.sums : nullptr;
    std::string ignored;
    if (name == "SHA256SUMS.sealed") text = &ignored;  // bounded like the other small members
    KR_ASSIGN_OR_RETURN(VaultMember m, ReadMember(a.get(), name, text));
    c.members.push_back(std::move(m));
  }
  if (rc != ARCHIVE_EOF) {
    if (c.members.empty() && archive_filter_code(a.get(), 0) != ARCHIVE_FILTER_GZIP) {
      return InvalidInput("not a gzip'd tar archive");
    }
    return ArchiveError(a.get(), "after " + std::to_string(c.members.size()) + " members");
  }
  return c;
}

// "<64 hex>  <name>" per line, exactly meta.json and state.bin.
Status CheckSums(const Collected& c) {
  std::vector<std::string> listed;
  std::size_t pos = 0;
  while (pos < c.sums.size()) {
    const std::size_t end = c.sums.find('\n', pos);
    if (end == std::string::npos) return InvalidInput("SHA256SUMS: last line has no newline");
    const std::string line = c.sums.substr(pos, end - pos);
    pos = end + 1;
    if (line.size() < 67 || (line.compare(64, 2, "  ") != 0 && line.compare(64, 2, " *") != 0)) {
      return InvalidInput("SHA256SUMS: malformed line '" + line.substr(0, 80) + "'");
    }
    const std::string name = line.substr(66);
    const auto m = std::find_if(c.members.begin(), c.members.end(),
                                [&](const VaultMember& v) { return v.name == name; });
    if (name != "meta.json" && name != "state.bin") {
      return InvalidInput("SHA256SUMS: lists unexpected file '" + name + "'");
    }
    if (std::find(listed.begin(), listed.end(), name) != listed.end()) {
      return InvalidInput("SHA256SUMS: lists '" + name + "' twice");
    }
    listed.push_back(name);
    Result<std::vector<std::uint8_t>> want = FromHex(line.substr(0, 64));
    if (!want.ok()) return InvalidInput("SHA256SUMS: bad digest for '" + name + "'");
    if (!std::equal(want->begin(), want->end(), m->sha256.begin())) {
      return Corrupt(name + ": checksum mismatch (SHA-256 " + ToHex(m->sha256) +
                     ", SHA256SUMS says " + line.substr(0, 64) + ")");
    }
  }
  if (listed.size() != 2) return InvalidInput("SHA256SUMS: must list meta.json and state.bin");
  return OkStatus();
}

Status ReadMeta(const Collected& c, VaultSnapshotReport& r) {
  const nlohmann::json meta = nlohmann::json::parse(c.meta_json, nullptr, false);
  if (meta.is_discarded() || !meta.is_object()) return InvalidInput("meta.json: not a JSON object");
  const auto uint_field = [&](const char* key, std::uint64_t& out) -> Status {
    if (!meta.contains(key) || !meta[key].is_number_unsigned()) {
      return InvalidInput(std::string("meta.json: no unsigned number '") + key + "'");
    }
    out = meta[key].get<std::uint64_t>();
    return OkStatus();
  };
  if (!meta.contains("ID") || !meta["ID"].is_string()) return InvalidInput("meta.json: no 'ID'");
  r.id = meta["ID"].get<std::string>();
  KR_RETURN_IF_ERROR(uint_field("Index", r.index));
  KR_RETURN_IF_ERROR(uint_field("Term", r.term));
  std::uint64_t size = 0;
  KR_RETURN_IF_ERROR(uint_field("Size", size));
  if (meta.contains("Version")) KR_RETURN_IF_ERROR(uint_field("Version", r.version));
  if (size != r.state_bytes) {
    return Corrupt("meta.json: Size " + std::to_string(size) + " but state.bin has " +
                   std::to_string(r.state_bytes) + " bytes");
  }
  r.meta_json = meta.dump(2);
  return OkStatus();
}

}  // namespace

Result<VaultSnapshotReport> InspectVaultSnapshot(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return NotFound(path + ": no such file");
  if (!S_ISREG(st.st_mode)) return InvalidInput(path + ": not a regular file");
  Result<Collected> c = ReadArchive(path);
  if (!c.ok()) return c.status().WithContext(path);
  for (const char* name : kNames) {
    const bool present = std::any_of(c->members.begin(), c->members.end(),
                                     [&](const VaultMember& m) { return m.name == name; });
    if (!present) return InvalidInput(path + ": member '" + name + "' is missing");
  }
  VaultSnapshotReport r;
  r.members = c->members;
  for (const VaultMember& m : r.members) {
    if (m.name == "state.bin") r.state_bytes = m.size;
  }
  Status s = CheckSums(*c);
  if (s.ok()) s = ReadMeta(*c, r);
  if (!s.ok()) return s.WithContext(path);
  return r;
}

}  // namespace keyrite::snapshot
