#pragma once
// Searching files for secrets in the forms they could leak in (raw, hex, base32), for the
// secret-hygiene tests. Each search can fail: the tests plant a leak to show it.

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "cli_runner.h"

namespace keyrite::testing {

inline std::string Hex(const std::string& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

inline std::string Base32(const std::string& bytes) {
  static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  unsigned acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 5) out += a[(acc >> (bits -= 5)) & 31];
  }
  if (bits > 0) out += a[(acc << (5 - bits)) & 31];
  return out;
}

inline std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), ::toupper);
  return s;
}

// The forms of a secret to look for; its first 16 bytes are plenty to be unique.
inline std::vector<std::string> SecretForms(const std::string& secret) {
  const std::string part = secret.substr(0, 16);
  return {part, Hex(part), Base32(part)};
}

// Files below `dir` holding any of `needles` (as is, or case-insensitively), sorted.
inline std::vector<std::string> FilesHolding(const std::string& dir,
                                             const std::vector<std::string>& needles) {
  std::vector<std::string> hits;
  for (const std::string& f : FilesBelow(dir)) {
    const std::string content = ReadFileOrEmpty(f);
    const std::string upper = Upper(content);
    for (const std::string& n : needles) {
      if (content.find(n) != std::string::npos || upper.find(Upper(n)) != std::string::npos) {
        hits.push_back(f);
        break;
      }
    }
  }
  std::sort(hits.begin(), hits.end());
  return hits;
}

}  // namespace keyrite::testing
