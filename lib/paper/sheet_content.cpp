#include "paper/sheet_content.h"

#include <algorithm>

#include "base/base32.h"
#include "base/clock.h"
#include "paper/slip39_sheet.h"
#include "share/share_v1.h"

namespace keyrite::paper {
namespace {

constexpr std::size_t kMaxFieldChars = 200;
constexpr std::size_t kMaxArmorChars = 64 * 1024;

std::string Where(const SheetContent& c) {
  return "sheet of share " + std::to_string(c.index) + " of set " + c.set_id;
}

Status CheckText(const SheetContent& c, std::string_view name, std::string_view text) {
  const bool control = std::any_of(text.begin(), text.end(),
                                   [](char ch) { return static_cast<unsigned char>(ch) < 0x20; });
  if (text.size() > kMaxFieldChars || control) {
    return InvalidArgument(Where(c) + ": " + std::string(name) + " must be one line of at most " +
                           std::to_string(kMaxFieldChars) + " bytes");
  }
  return OkStatus();
}

Status CheckNumbers(const SheetContent& c) {
  const bool native_id =
      c.set_id.size() == 13 &&
      std::all_of(c.set_id.begin(), c.set_id.end(), [](char ch) { return Base32Value(ch) >= 0; });
  if (c.IsSlip39() ? !IsSlip39SetName(c.set_id) : !native_id) {
    return InvalidArgument(c.IsSlip39() ? "a SLIP-39 sheet's set id must be SLIP39-NNNNN"
                                        : "a sheet's set id must be the 13-character set id");
  }
  if (c.count < 1 || c.index < 1 || c.index > c.count || c.threshold < 1 || c.threshold > c.count) {
    return InvalidArgument(Where(c) + ": needs 1 <= index <= count and 1 <= threshold <= count");
  }
  return OkStatus();
}

// The printed facts must be the ones inside the line.
Status CheckShareLine(const SheetContent& c) {
  Result<share::Share> parsed = share::ParseShareV1(c.share_line.view());
  if (!parsed.ok()) return InvalidArgument(Where(c) + ": its share line does not parse");
  if (share::FormatSetId(parsed->set_id) != c.set_id || parsed->index != c.index ||
      parsed->threshold != c.threshold) {
    return InvalidArgument(Where(c) + ": its share line is of another set, index or threshold");
  }
  return OkStatus();
}

Status CheckArmor(const SheetContent& c) {
  const std::string_view a = c.armored_shard;
  const bool printable = std::all_of(a.begin(), a.end(), [](char ch) {
    return ch == '\n' || ch == '\r' || (ch >= 0x20 && ch < 0x7f);
  });
  if (a.size() > kMaxArmorChars || !printable || a.find("-----BEGIN PGP MESSAGE-----") != 0) {
    return InvalidArgument(Where(c) + ": the shard is not an armored OpenPGP message");
  }
  return OkStatus();
}

}  // namespace

SheetContent ShareSheet(const share::Share& share, std::uint8_t count, const SheetCommon& common) {
  SheetContent c;
  c.title = common.title;
  c.secret_label = common.secret_label;
  c.set_id = share::FormatSetId(share.set_id);
  c.index = share.index;
  c.count = count;
  c.threshold = share.threshold;
  c.ceremony_id = common.ceremony_id;
  c.date_unix = common.date_unix;
  c.share_line = share::FormatShareV1(share);
  return c;
}

SheetContent ShardSheet(const ShardFacts& facts, std::string armored_shard,
                        const SheetCommon& common) {
  SheetContent c;
  c.title = common.title;
  c.secret_label = common.secret_label;
  c.set_id = share::FormatSetId(facts.set_id);
  c.index = facts.index;
  c.count = facts.count;
  c.threshold = facts.threshold;
  c.custodian_user_id = facts.custodian_user_id;
  c.custodian_fingerprint = facts.custodian_fingerprint;
  c.ceremony_id = common.ceremony_id;
  c.date_unix = common.date_unix;
  c.armored_shard = std::move(armored_shard);
  return c;
}

Status ValidateSheetFacts(const SheetContent& c) {
  KR_RETURN_IF_ERROR(CheckNumbers(c));
  const std::pair<std::string_view, const std::string*> texts[] = {
      {"title", &c.title},
      {"secret label", &c.secret_label},
      {"custodian", &c.custodian_user_id},
      {"fingerprint", &c.custodian_fingerprint},
      {"ceremony id", &c.ceremony_id}};
  for (const auto& [name, text] : texts) KR_RETURN_IF_ERROR(CheckText(c, name, *text));
  return OkStatus();
}

Status ValidateSheetContent(const SheetContent& c) {
  KR_RETURN_IF_ERROR(ValidateSheetFacts(c));
  const int payloads = !c.share_line.empty() + !c.armored_shard.empty() + !c.slip39_mnemonic.empty();
  if (payloads != 1 || c.IsSlip39() == c.slip39_mnemonic.empty()) {
    return InvalidArgument(Where(c) +
                           ": give one of a share line, an armored shard or a SLIP-39 mnemonic");
  }
  if (c.IsSlip39()) return CheckSlip39SheetContent(c);
  return c.share_line.empty() ? CheckArmor(c) : CheckShareLine(c);
}

std::string SheetDate(std::int64_t date_unix) { return FormatUtc(date_unix).substr(0, 10); }

}  // namespace keyrite::paper
