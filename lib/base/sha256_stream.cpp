#include "base/sha256_stream.h"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <new>

#include "base/check.h"
#include "base/sha256_ni.h"

namespace keyrite {
namespace {

constexpr std::size_t kBlock = 64;
constexpr std::size_t kWordBytes = 32;  // hardware engine: H0..H7, then the block buffer

static_assert(alignof(crypto_hash_sha256_state) <= Sha256Stream::kStateAlign);
static_assert(kWordBytes + kBlock <= Sha256Stream::kStateBytes);
static_assert(sizeof(crypto_hash_sha256_state) <= Sha256Stream::kStateBytes);

// FIPS 180-4 section 5.3.3: the initial hash value.
constexpr std::uint32_t kInitial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                       0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

std::uint32_t* Words(Sha256Stream::State s) {
  return std::launder(reinterpret_cast<std::uint32_t*>(s.data()));
}

crypto_hash_sha256_state* Sodium(Sha256Stream::State s) {
  return std::launder(reinterpret_cast<crypto_hash_sha256_state*>(s.data()));
}

}  // namespace

bool Sha256Stream::HardwareAvailable() {
  static const bool available = internal::Sha256NiSupported();
  return available;
}

Sha256Stream::Sha256Stream(State state, Engine engine)
    : state_(state), hardware_(engine == Engine::kBest && HardwareAvailable()) {
  KR_CHECK(reinterpret_cast<std::uintptr_t>(state.data()) % kStateAlign == 0);
  Start();
}

void Sha256Stream::Start() {
  buffered_ = 0;
  total_ = 0;
  if (hardware_) {
    std::memcpy(state_.data(), kInitial, sizeof kInitial);
  } else {
    crypto_hash_sha256_init(new (state_.data()) crypto_hash_sha256_state);
  }
}

void Sha256Stream::Update(std::span<const std::uint8_t> data) {
  total_ += data.size();
  if (hardware_) {
    UpdateHardware(data);
  } else if (!data.empty()) {
    crypto_hash_sha256_update(Sodium(state_), data.data(), data.size());
  }
}

void Sha256Stream::Final(std::span<std::uint8_t, 32> out) {
  if (hardware_) {
    FinalHardware(out);
  } else {
    crypto_hash_sha256_final(Sodium(state_), out.data());
  }
  sodium_memzero(state_.data(), state_.size());
  Start();
}

std::array<std::uint8_t, 32> Sha256Stream::Final() {
  std::array<std::uint8_t, 32> out{};
  Final(out);
  return out;
}

// Whole blocks go straight from the input; only a partial block is copied into the buffer.
void Sha256Stream::UpdateHardware(std::span<const std::uint8_t> data) {
  std::uint8_t* buffer = state_.data() + kWordBytes;
  if (buffered_ > 0) {
    const std::size_t take = std::min(kBlock - buffered_, data.size());
    std::memcpy(buffer + buffered_, data.data(), take);
    buffered_ += take;
    data = data.subspan(take);
    if (buffered_ < kBlock) return;
    internal::Sha256NiCompress(Words(state_), buffer, 1);
    buffered_ = 0;
  }
  const std::size_t blocks = data.size() / kBlock;
  if (blocks > 0) internal::Sha256NiCompress(Words(state_), data.data(), blocks);
  data = data.subspan(blocks * kBlock);
  if (!data.empty()) std::memcpy(buffer, data.data(), data.size());
  buffered_ = data.size();
}

// FIPS 180-4 section 5.1.1: 0x80, zeros up to 56 mod 64, the bit length big-endian.
void Sha256Stream::FinalHardware(std::span<std::uint8_t, 32> out) {
  const std::uint64_t bits = total_ * 8;
  std::uint8_t padding[kBlock + 8] = {0x80};
  const std::size_t zeros_to = buffered_ < 56 ? 56 : 56 + kBlock;
  std::uint8_t length[8];
  for (int i = 0; i < 8; ++i) length[i] = static_cast<std::uint8_t>(bits >> (56 - 8 * i));
  UpdateHardware(std::span(padding, zeros_to - buffered_));
  UpdateHardware(length);
  KR_CHECK(buffered_ == 0);
  const std::uint32_t* h = Words(state_);
  for (int i = 0; i < 8; ++i) {
    for (int j = 0; j < 4; ++j) out[4 * i + j] = static_cast<std::uint8_t>(h[i] >> (24 - 8 * j));
  }
}

}  // namespace keyrite
