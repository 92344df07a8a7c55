#pragma once
// Searching files for secrets in the forms they could leak in (raw, hex, base32, base64, BIP-39
// words), for the secret-hygiene tests. Each search can fail: the tests plant a leak to show it.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/words.h"
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

inline std::string Base64(const std::string& bytes) {
  static const char* a = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned acc = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) out += a[(acc >> (bits -= 6)) & 63];
  }
  if (bits > 0) out += a[(acc << (6 - bits)) & 63];
  while (out.size() % 4 != 0) out += '=';
  return out;
}

// The BIP-39 mnemonic of a 16..32-byte secret (lib/base/words.h); "" for other sizes.
inline std::string Words(const std::string& bytes) {
  const std::size_t n = bytes.size();
  if (n < 16 || n > 32 || n % 4 != 0) return "";
  return Bip39FromEntropy(std::span(reinterpret_cast<const std::uint8_t*>(bytes.data()), n));
}

// The first `count` words of a mnemonic.
inline std::string FirstWords(const std::string& phrase, int count) {
  std::size_t at = 0;
  for (int i = 0; i < count && at != std::string::npos; ++i) at = phrase.find(' ', at + 1);
  return phrase.substr(0, at);
}

inline std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), ::toupper);
  return s;
}

// The forms of a secret to look for; its first 16 bytes are plenty to be unique. Base32 and
// base64 take the first 15 bytes, a whole number of their groups, so the needle is a prefix of
// the encoding of the whole secret however long it is (16 bytes would end mid-character).
// Words: the first 6 words (66 bits) of the mnemonic of the whole secret, when it has one.
inline std::vector<std::string> SecretForms(const std::string& secret) {
  const std::string part = secret.substr(0, 16);
  const std::string aligned = secret.substr(0, 15);
  std::string base64 = Base64(aligned);
  std::vector<std::string> forms = {part, Hex(part), Base32(aligned), base64};
  const std::string words = Words(secret);
  if (!words.empty()) forms.push_back(FirstWords(words, 6));
  return forms;
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
