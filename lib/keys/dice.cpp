#include "keys/dice.h"

#include <sodium.h>

#include <array>
#include <cmath>
#include <string>

#include "base/digest.h"
#include "keys/constant_time.h"

namespace keyrite::keys {
namespace {

constexpr std::string_view kDomain = "keyrite dice mix v1";
constexpr std::size_t kChaChaBlock = 64;

// 1 when c is a separator the user may type between rolls.
std::uint32_t IsSeparator(std::uint32_t c) {
  return ct::Equal(c, ' ') | ct::Equal(c, '\t') | ct::Equal(c, ',') | ct::Equal(c, '\n') |
         ct::Equal(c, '\r');
}

}  // namespace

std::size_t MinimumDiceRolls(std::size_t entropy_bits) {
  const double bits = static_cast<double>(entropy_bits < 256 ? entropy_bits : 256);
  return static_cast<std::size_t>(std::ceil(bits / kBitsPerDieRoll - 1e-9));
}

namespace {

// The digits of typed rolls compacted to the front. Where each lands depends only on how many
// digits came before it (the separators' positions), never on the roll values.
struct ScannedRolls {
  secmem::SecureBytes digits;
  std::uint32_t count = 0;
  std::uint32_t bad = 0;        // 1 when some character is neither a roll nor a separator
  std::uint32_t first_bad = 0;  // its position
};

ScannedRolls ScanRolls(const secmem::SecureBytes& typed) {
  ScannedRolls s{secmem::SecureBytes(typed.size())};
  for (std::uint32_t i = 0; i < typed.size(); ++i) {
    const std::uint32_t c = typed[i];
    const std::uint32_t die = ct::InRange(c, '1', '7');
    const std::uint32_t wrong = (die | IsSeparator(c)) ^ 1U;
    s.first_bad = ct::Select(wrong & (s.bad ^ 1U), i, s.first_bad);
    s.bad |= wrong;
    s.digits[s.count] = static_cast<std::uint8_t>(ct::Select(die, c, s.digits[s.count]));
    s.count += die;
  }
  return s;
}

}  // namespace

Result<DiceRolls> ParseDiceRolls(const secmem::SecureBytes& typed, std::size_t minimum_rolls) {
  const ScannedRolls s = ScanRolls(typed);
  if (s.bad != 0) {
    return InvalidInput("dice rolls: character " + std::to_string(s.first_bad + 1) +
                        " is not a roll 1..6 (only digits 1-6, spaces and commas are read)");
  }
  if (s.count < minimum_rolls) {
    return InvalidInput("dice rolls: " + std::to_string(s.count) + " rolls read, at least " +
                        std::to_string(minimum_rolls) + " are needed for this key; roll " +
                        std::to_string(minimum_rolls - s.count) + " more");
  }
  DiceRolls out;
  out.digest = secmem::SecureBytes(crypto_hash_sha256_BYTES);
  crypto_hash_sha256(out.digest.data(), s.digits.data(), s.count);
  out.count = s.count;
  return out;
}

MixedRng::MixedRng(std::span<const std::uint8_t> base, const DiceRolls* rolls)
    : key_(crypto_stream_chacha20_ietf_KEYBYTES) {
  secmem::Wiped<crypto_hash_sha256_state> state;
  crypto_hash_sha256_init(&state.value);
  crypto_hash_sha256_update(&state.value, reinterpret_cast<const std::uint8_t*>(kDomain.data()),
                            kDomain.size());
  crypto_hash_sha256_update(&state.value, base.data(), base.size());
  secmem::SecureBytes roll_digest(crypto_hash_sha256_BYTES);
  if (rolls != nullptr) {
    std::copy(rolls->digest.data(), rolls->digest.data() + roll_digest.size(), roll_digest.data());
  } else {
    crypto_hash_sha256(roll_digest.data(), nullptr, 0);  // the digest of no rolls
  }
  crypto_hash_sha256_update(&state.value, roll_digest.data(), roll_digest.size());
  crypto_hash_sha256_final(&state.value, key_.data());
}

MixedRng MixedRng::FromOs(Rng& os, const DiceRolls* rolls) {
  secmem::SecureBytes base(32);
  os.Fill(base.span());
  return MixedRng(base.span(), rolls);
}

Result<MixedRng> MixedRng::FromEntropyFile(const secmem::SecureBytes& file_bytes,
                                           const DiceRolls* rolls) {
  if (file_bytes.size() < kMinEntropyFileBytes) {
    return InvalidInput("the entropy file holds " + std::to_string(file_bytes.size()) +
                        " bytes; at least " + std::to_string(kMinEntropyFileBytes) + " are needed");
  }
  secmem::SecureBytes base(crypto_hash_sha256_BYTES);
  crypto_hash_sha256(base.data(), file_bytes.data(), file_bytes.size());
  return MixedRng(base.span(), rolls);
}

void MixedRng::Fill(std::span<std::uint8_t> out) {
  if (out.empty()) return;
  const std::size_t blocks = (out.size() + kChaChaBlock - 1) / kChaChaBlock;
  KR_CHECK(blocks <= UINT32_MAX - next_block_);  // 256 GiB per generator
  static constexpr std::array<std::uint8_t, crypto_stream_chacha20_ietf_NONCEBYTES> kNonce{};
  std::fill(out.begin(), out.end(), std::uint8_t{0});
  crypto_stream_chacha20_ietf_xor_ic(out.data(), out.data(), out.size(), kNonce.data(),
                                     next_block_, key_.data());
  next_block_ += static_cast<std::uint32_t>(blocks);  // a partial block's rest is never reused
}

}  // namespace keyrite::keys
