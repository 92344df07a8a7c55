#pragma once
// Files, written the crash-safe way. New files are created with O_CREAT|O_EXCL|O_NOFOLLOW (an
// existing file is never overwritten), written, fsync'd, and their directory fsync'd; state files
// are replaced atomically (temp file, fsync, rename, fsync directory), so a crash leaves the old
// content or the complete new one. Secret-bearing files get mode 0600, public ones 0644.
// Secret input is read straight into SecureBytes, never through a std::string.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::io {

enum class FileMode { kSecret, kPublic };

// Refuses an existing path (kExists, naming it). On any failure the partial file is removed.
Status WriteNewFile(const std::string& path, std::span<const std::uint8_t> data, FileMode mode);
Status WriteNewFile(const std::string& path, std::string_view text, FileMode mode);

// Replaces (or creates) `path` atomically.
Status ReplaceFile(const std::string& path, std::span<const std::uint8_t> data, FileMode mode);

// Reads at most max_bytes; a larger file is InvalidInput ("larger than N bytes"), a missing one
// NotFound, an unreadable one Io. "-" means standard input.
Result<secmem::SecureBytes> ReadSecretFile(const std::string& path, std::size_t max_bytes);
Result<std::string> ReadPublicFile(const std::string& path, std::size_t max_bytes);

// Writes all of `data` to an open descriptor (standard output for secrets asked for by flag),
// without going through stdio's unlocked buffers. `name` is for the message.
Status WriteToDescriptor(int fd, std::span<const std::uint8_t> data, std::string_view name);

bool PathExists(const std::string& path);
// The size of a regular file; 0 for anything else or a path that cannot be read.
std::uint64_t FileSize(const std::string& path);
bool IsDirectory(const std::string& path);
// Creates a directory 0700 (not its parents); kExists when it exists.
Status MakeDirectory(const std::string& path);
// Renames a file or directory (atomic within one file system) and syncs the target's directory.
Status RenamePath(const std::string& from, const std::string& to);
// Removes a file, ignoring a missing one; used to take back partial output.
void RemoveQuietly(const std::string& path);
// Removes a directory and everything under it (a missing one is fine).
Status RemoveTree(const std::string& path);
// Names of the entries of a directory, sorted, without "." and "..".
Result<std::vector<std::string>> ListDirectory(const std::string& path);

std::string JoinPath(std::string_view dir, std::string_view name);

}  // namespace keyrite::io
