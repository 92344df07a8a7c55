#pragma once
// AES-256 in counter mode on the x86 AES instructions (AES-NI), as a keystream generator: the
// random coefficients of a file-mode split (lib/stream/coefficient_stream.h) need 512 MiB for a
// 3-of-5 split of 256 MiB, and this runs about twice as fast as libsodium's ChaCha20 on the
// benchmark machine (docs/performance.md). libsodium has no raw AES-CTR, only AES-256-GCM, whose
// GHASH would be wasted work; the tests check this code against NIST SP 800-38A and against
// libsodium's AES-256-GCM keystream. aesenc/aesenclast take fixed time whatever the data and key;
// no table, no branch on either. Compiled for "aes,sse4.1" by function attributes; off x86-64
// it is never supported.

#include <cstddef>
#include <cstdint>

namespace keyrite::internal {

bool Aes256CtrSupported();

// Writes `size` bytes of keystream: the encryption of the counter blocks iv, iv + 1, ...,
// where the last 8 bytes of the 16-byte iv are a big-endian counter that wraps without carrying
// into the first 8. Only call it when Aes256CtrSupported(). Key and output are the caller's
// secrets (the key schedule is wiped before returning); the iv is public, as in any counter
// mode, and the loop may be counted with it.
void Aes256CtrKeystream(const std::uint8_t key[32], const std::uint8_t iv[16], std::uint8_t* out,
                        std::size_t size);

}  // namespace keyrite::internal
