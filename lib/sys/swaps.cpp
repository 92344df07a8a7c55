#include "sys/swaps.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace keyrite::sys {
namespace {

namespace fs = std::filesystem;

// Device stacks are shallow (LVM on LUKS on a partition); the bound only stops a cycle.
constexpr int kMaxStackDepth = 8;

std::string ReadFirstLine(const fs::path& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

bool IsOctalEscape(std::string_view text, std::size_t i) {
  return text[i] == '\\' && i + 3 < text.size() &&
         text.substr(i + 1, 3).find_first_not_of("01234567") == std::string_view::npos;
}

// The kernel escapes space, tab, newline and backslash in /proc/swaps as \ooo (octal).
std::string DecodeOctalEscapes(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!IsOctalEscape(text, i)) {
      out += text[i];
      continue;
    }
    out +=
        static_cast<char>((text[i + 1] - '0') * 64 + (text[i + 2] - '0') * 8 + text[i + 3] - '0');
    i += 3;
  }
  return out;
}

bool EncryptedAtDepth(const fs::path& class_block, const std::string& name, int depth) {
  if (depth > kMaxStackDepth) return false;
  if (ReadFirstLine(class_block / name / "dm" / "uuid").starts_with("CRYPT-")) return true;
  std::error_code ec;
  for (const auto& slave : fs::directory_iterator(class_block / name / "slaves", ec)) {
    if (EncryptedAtDepth(class_block, slave.path().filename().string(), depth + 1)) return true;
  }
  return false;
}

// The sysfs block-device name behind a swap path: the device itself for a partition, the device
// holding the file system for a file. Empty when it cannot be found (then: not encrypted).
std::string BlockDeviceName(const std::string& sysfs_root, const SwapDevice& swap) {
  if (swap.type != "file") {
    std::error_code ec;
    const fs::path real = fs::canonical(swap.path, ec);  // /dev/mapper/x -> /dev/dm-N
    return (ec ? fs::path(swap.path) : real).filename().string();
  }
  struct stat st {};
  if (stat(swap.path.c_str(), &st) != 0) return "";
  const fs::path link = fs::path(sysfs_root) / "dev" / "block" /
                        (std::to_string(major(st.st_dev)) + ":" + std::to_string(minor(st.st_dev)));
  std::error_code ec;
  const fs::path target = fs::read_symlink(link, ec);
  return ec ? "" : target.filename().string();
}

}  // namespace

bool IsEncryptedBlockDevice(const std::string& sysfs_root, const std::string& name) {
  return EncryptedAtDepth(fs::path(sysfs_root) / "class" / "block", name, 0);
}

Result<std::vector<SwapDevice>> ParseSwaps(std::string_view proc_swaps,
                                           const std::string& sysfs_root) {
  std::istringstream in{std::string(proc_swaps)};
  std::vector<SwapDevice> out;
  int line_number = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    std::istringstream fields(line);
    std::string path, type, size, used, priority;
    if (!(fields >> path)) continue;  // blank line
    if (line_number == 1 && path == "Filename") continue;
    if (!(fields >> type >> size >> used >> priority)) {
      return Corrupt("/proc/swaps line " + std::to_string(line_number) +
                     ": expected 5 fields (Filename Type Size Used Priority)");
    }
    SwapDevice swap{DecodeOctalEscapes(path), type, true, false};
    const std::string device = BlockDeviceName(sysfs_root, swap);
    swap.on_disk = !device.starts_with("zram");
    swap.encrypted = !device.empty() && IsEncryptedBlockDevice(sysfs_root, device);
    out.push_back(std::move(swap));
  }
  return out;
}

}  // namespace keyrite::sys
