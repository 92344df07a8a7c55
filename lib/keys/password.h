#pragma once
// Generated passwords (for HSM PINs/passwords and the like). The password is secret and is
// returned only in SecureBytes. Characters come from kPasswordAlphabet, which leaves out the
// look-alikes 0 O 1 I l, each chosen uniformly with Rng::Uniform and mapped to its character
// without a secret-indexed table lookup.

#include <cstdint>
#include <string_view>

#include "base/rng.h"
#include "base/status.h"
#include "secmem/secure_bytes.h"

namespace keyrite::keys {

// 2-9, A-Z without I and O, a-z without l: 57 characters, log2(57) = 5.83 bits each.
inline constexpr std::string_view kPasswordAlphabet =
    "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

// 24 characters carry 24 * 5.83 = 140 bits (22 would be the least that reaches 128).
inline constexpr std::size_t kDefaultPasswordLength = 24;
inline constexpr std::size_t kMinPasswordLength = 8;
inline constexpr std::size_t kMaxPasswordLength = 1024;

// InvalidArgument when `length` is outside [kMinPasswordLength, kMaxPasswordLength].
Result<secmem::SecureBytes> GeneratePassword(std::size_t length, Rng& rng);

}  // namespace keyrite::keys
