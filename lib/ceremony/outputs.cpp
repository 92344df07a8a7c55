#include "ceremony/outputs.h"

#include <algorithm>
#include <filesystem>

#include "base/digest.h"
#include "base/hex.h"

namespace keyrite::ceremony {

namespace fs = std::filesystem;

Result<std::vector<std::string>> FilesUnder(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& path : paths) {
    std::error_code error;
    const fs::file_status st = fs::status(path, error);
    if (fs::is_regular_file(st)) files.push_back(fs::path(path).lexically_normal().string());
    if (!fs::is_directory(st)) continue;
    std::vector<std::string> found;
    for (auto it = fs::recursive_directory_iterator(path, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (it->is_regular_file(error)) found.push_back(it->path().lexically_normal().string());
    }
    if (error) return IoError(path + ": cannot list it: " + error.message());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

Result<std::string> StateOf(const std::vector<std::string>& paths) {
  KR_ASSIGN_OR_RETURN(std::vector<std::string> files, FilesUnder(paths));
  std::string listing;
  for (const std::string& file : files) {
    KR_ASSIGN_OR_RETURN(Sha256Digest d, Sha256File(file));
    listing += file + " " + ToHex(d) + "\n";
  }
  return ToHex(Sha256(listing));
}

Result<transcript::Digests> ArtifactsOf(const std::vector<std::string>& paths) {
  KR_ASSIGN_OR_RETURN(std::vector<std::string> files, FilesUnder(paths));
  std::error_code error;
  const fs::path here = fs::current_path(error);
  transcript::Digests digests;
  for (const std::string& file : files) {
    std::string name =
        fs::path(file).is_absolute() ? fs::path(file).lexically_relative(here).string() : file;
    if (!transcript::CheckArtifactName(name).ok()) continue;
    KR_ASSIGN_OR_RETURN(Sha256Digest d, Sha256File(file));
    digests.emplace_back(std::move(name), d);
  }
  return digests;
}

Status MakeParents(const std::vector<std::string>& paths) {
  for (const std::string& path : paths) {
    const fs::path parent = fs::path(path).parent_path();
    std::error_code error;
    if (parent.empty() || fs::is_directory(parent, error)) continue;
    fs::create_directories(parent, error);
    if (error) return IoError(parent.string() + ": cannot create it: " + error.message());
  }
  return OkStatus();
}

}  // namespace keyrite::ceremony
