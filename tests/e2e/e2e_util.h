#pragma once
// Helpers shared by the end-to-end tests.

#include <string>
#include <vector>

#include "cli_runner.h"

namespace keyrite::testing {

// keyrite with --allow-online appended (test machines have a network interface up).
inline RunResult Keyrite(std::vector<std::string> args, const RunOptions& options = {}) {
  args.push_back("--allow-online");
  return RunKeyrite(args, options);
}

// A deterministic pseudo-random byte string for test secrets.
inline std::string TestBytes(std::size_t n, unsigned seed) {
  std::string s(n, '\0');
  unsigned x = seed * 2654435761u + 1;
  for (char& c : s) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x & 0xFF);
  }
  return s;
}

inline std::string SharePath(const std::string& dir, int i, int n) {
  return dir + "/share-" + std::to_string(i) + "-of-" + std::to_string(n) + ".txt";
}

}  // namespace keyrite::testing
