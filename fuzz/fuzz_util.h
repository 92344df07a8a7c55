#pragma once
// Helpers shared by the libFuzzer targets: the input as text, lines or a file, and the one check
// every refusal must pass (a non-empty, one-line message a person can act on). Nothing here is
// secret; fuzz inputs are throwaway bytes.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "base/check.h"
#include "base/status.h"

namespace keyrite::fuzz {

inline std::string_view AsText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// A refusal is a value with a message of one non-empty line.
inline void CheckRefusal(const Status& status) {
  KR_CHECK(!status.ok());
  KR_CHECK(!status.message().empty());
  if (status.message().find('\n') != std::string::npos) {
    std::fprintf(stderr, "multi-line message: [%s]\n", status.message().c_str());
    KR_CHECK(status.message().find('\n') == std::string::npos);
  }
}

// Up to `max` lines of `text` (without their '\n').
inline std::vector<std::string_view> Lines(std::string_view text, std::size_t max) {
  std::vector<std::string_view> lines;
  while (!text.empty() && lines.size() < max) {
    const std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
  }
  return lines;
}

// The input as a file, for parsers that read a descriptor or a path: one in-memory file (memfd)
// for the whole run, rewritten for each input and positioned at its start.
inline int InputFd(const std::uint8_t* data, std::size_t size) {
  static const int fd = memfd_create("keyrite-fuzz-input", 0);
  KR_CHECK(fd >= 0);
  KR_CHECK(ftruncate(fd, 0) == 0);
  KR_CHECK(pwrite(fd, data, size, 0) == static_cast<ssize_t>(size));
  KR_CHECK(lseek(fd, 0, SEEK_SET) == 0);
  return fd;
}
inline std::string InputPath(const std::uint8_t* data, std::size_t size) {
  return "/proc/self/fd/" + std::to_string(InputFd(data, size));
}

}  // namespace keyrite::fuzz
