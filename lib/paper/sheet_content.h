#pragma once
// SheetContent: what one share sheet shows: the public facts (set, index, threshold, custodian,
// ceremony, date) and one payload: a share line or a SLIP-39 mnemonic (secret, SecureBytes) or,
// for an encrypted shard, its armored OpenPGP text (public: only the custodian's key opens it).
// An envelope label is drawn from the same content but shows only the public facts.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"
#include "secmem/secure_bytes.h"
#include "share/share.h"

namespace keyrite::paper {

struct SheetContent {
  std::string title;         // the heading; empty: the template's text.title
  std::string secret_label;  // what the secret is, e.g. "HSM password, slot 2"
  std::string set_id;        // as people see it (share::FormatSetId)
  std::uint8_t index = 0;
  std::uint8_t count = 0;
  std::uint8_t threshold = 0;
  std::string custodian_user_id;      // optional: "Alice <alice@example.org>"
  std::string custodian_fingerprint;  // optional: 40 hex digits
  std::string ceremony_id;            // optional
  std::int64_t date_unix = 0;         // from a Clock; printed as YYYY-MM-DD (UTC)
  secmem::SecureBytes share_line;     // "KR1-…" for a paper share, or empty
  std::string armored_shard;          // "-----BEGIN PGP MESSAGE-----…" for a shard, or empty
  // A SLIP-39 sheet (paper/slip39_sheet.h): set_id is "SLIP39-01234", index/threshold are the
  // member's, count the group's members; slip39_group is 1-based (0: not a SLIP-39 sheet).
  secmem::SecureBytes slip39_mnemonic;
  std::uint8_t slip39_group = 0;
  std::uint8_t slip39_groups = 0;
  std::uint8_t slip39_group_threshold = 0;

  bool IsSlip39() const { return slip39_group != 0; }
};

// Facts shared by all sheets of one split.
struct SheetCommon {
  std::string title;
  std::string secret_label;
  std::string ceremony_id;
  std::int64_t date_unix = 0;
};

// The sheet of one paper share of a set of `count`.
SheetContent ShareSheet(const share::Share& share, std::uint8_t count, const SheetCommon& common);

// The sheet of one encrypted shard of share (set_id, index) to a custodian.
struct ShardFacts {
  share::SetId set_id{};
  std::uint8_t index = 0;
  std::uint8_t count = 0;
  std::uint8_t threshold = 0;
  std::string custodian_user_id;
  std::string custodian_fingerprint;
};
SheetContent ShardSheet(const ShardFacts& facts, std::string armored_shard,
                        const SheetCommon& common);

// InvalidArgument naming the field when the public facts cannot be printed: set id, indices out
// of range, text too long or with control characters. Enough for an envelope label.
Status ValidateSheetFacts(const SheetContent& content);
// ValidateSheetFacts, and exactly one payload: a share line that parses and agrees with the set
// id, index and threshold printed beside it, or an armored OpenPGP message.
Status ValidateSheetContent(const SheetContent& content);

// "2026-11-21" for a date_unix.
std::string SheetDate(std::int64_t date_unix);

}  // namespace keyrite::paper
