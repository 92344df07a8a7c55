#pragma once
// SLIP-39 share sheets: a SLIP-39 mnemonic printed with its QR code (the mnemonic itself, as any
// SLIP-39 wallet reads it) and, as the typed fallback, its words numbered in rows. The mnemonic
// and the rows are secret (SecureBytes); the set name ("SLIP39-01234"), group and member numbers
// are public. Spec: docs/paper.md ("SLIP-39 sheets").

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "paper/sheet_content.h"
#include "paper/typed_lines.h"
#include "secmem/secure_bytes.h"
#include "slip39/mnemonic.h"

namespace keyrite::paper {

inline constexpr std::size_t kSlip39WordsPerRow = 4;

// "SLIP39-01234": how sheets, scans and file names name the set with this identifier. It cannot
// be confused with a native set id (13 base32 characters, no '-').
std::string Slip39SetName(std::uint16_t identifier);
bool IsSlip39SetName(std::string_view set_id);

// Whether a QR payload has the shape of a SLIP-39 mnemonic: at least 20 lower-case words of 4..8
// letters separated by single spaces (the words themselves are checked by DecodeMnemonic).
bool LooksLikeSlip39Mnemonic(std::span<const std::uint8_t> payload);

// The sheet of one SLIP-39 share (`mnemonic`, already decoded as `share`) of a group with
// `member_count` members.
SheetContent Slip39Sheet(const slip39::Share& share, const secmem::SecureBytes& mnemonic,
                         std::uint8_t member_count, const SheetCommon& common);

// InvalidArgument unless the mnemonic decodes and agrees with the set name, member index and
// threshold printed beside it.
Status CheckSlip39SheetContent(const SheetContent& content);

// The typed rows of a mnemonic: kSlip39WordsPerRow words per row, each word after its number in
// the mnemonic, "1. academic   2. acid ...", padded to fixed columns (no line check: SLIP-39's
// own RS1024 checksum covers every word).
Result<std::vector<TypedRow>> Slip39WordRows(std::string_view mnemonic);

// The mnemonic read back from rows as printed: the numbers must run 1, 2, 3 ... in order; the
// words are joined by single spaces. InvalidInput naming the row otherwise.
Result<secmem::SecureBytes> Slip39MnemonicFromRows(std::span<const TypedRow> rows);

}  // namespace keyrite::paper
