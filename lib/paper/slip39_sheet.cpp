#include "paper/slip39_sheet.h"

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "slip39/wordlist.h"

namespace keyrite::paper {
namespace {

constexpr std::string_view kSetPrefix = "SLIP39-";
constexpr std::size_t kMinWordLetters = 4;

std::size_t CountWords(std::string_view mnemonic) {
  return mnemonic.empty()
             ? 0
             : 1 + static_cast<std::size_t>(std::count(mnemonic.begin(), mnemonic.end(), ' '));
}

std::size_t NumberDigits(std::size_t words) {
  return std::max<std::size_t>(2, std::to_string(words).size());
}

// One cell: the number right-aligned in `digits`, ". ", the word padded to kMaxWordLength.
void AppendCell(secmem::SecureBytes& row, std::size_t& used, std::size_t number, std::size_t digits,
                std::string_view word) {
  const std::string label = std::to_string(number) + ".";
  std::memset(row.data() + used, ' ', digits + 1 - label.size());
  used += digits + 1 - label.size();
  std::memcpy(row.data() + used, label.data(), label.size());
  used += label.size();
  row[used++] = ' ';
  std::memset(row.data() + used, ' ', slip39::kMaxWordLength);
  std::memcpy(row.data() + used, word.data(), std::min(word.size(), slip39::kMaxWordLength));
  used += slip39::kMaxWordLength;
}

TypedRow MakeRow(std::size_t number, std::span<const std::string_view> words,
                 std::size_t first_word, std::size_t digits) {
  const std::size_t cell = digits + 2 + slip39::kMaxWordLength;
  secmem::SecureBytes text(words.size() * (cell + 2) - 2);
  std::size_t used = 0;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) {
      std::memset(text.data() + used, ' ', 2);
      used += 2;
    }
    AppendCell(text, used, first_word + i, digits, words[i]);
  }
  return TypedRow{number, first_word, words.size(), std::move(text), secmem::SecureBytes()};
}

// The space-separated tokens of a row (views into its secret text).
std::vector<std::string_view> Tokens(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && text[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < text.size() && text[i] != ' ') ++i;
    if (i > start) out.push_back(text.substr(start, i - start));
  }
  return out;
}

}  // namespace

std::string Slip39SetName(std::uint16_t identifier) {
  char digits[8];
  std::snprintf(digits, sizeof digits, "%05u", static_cast<unsigned>(identifier & 0x7fff));
  return std::string(kSetPrefix) + digits;
}

bool IsSlip39SetName(std::string_view set_id) {
  if (!set_id.starts_with(kSetPrefix) || set_id.size() != kSetPrefix.size() + 5) return false;
  const std::string_view digits = set_id.substr(kSetPrefix.size());
  return std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool LooksLikeSlip39Mnemonic(std::span<const std::uint8_t> payload) {
  std::size_t words = 0, letters = 0;
  for (const std::uint8_t c : payload) {
    if (c == ' ') {
      if (letters < kMinWordLetters || letters > slip39::kMaxWordLength) return false;
      ++words;
      letters = 0;
    } else if (c >= 'a' && c <= 'z') {
      ++letters;
    } else {
      return false;
    }
  }
  return letters >= kMinWordLetters && letters <= slip39::kMaxWordLength &&
         words + 1 >= slip39::kMinMnemonicWords;
}

SheetContent Slip39Sheet(const slip39::Share& share, const secmem::SecureBytes& mnemonic,
                         std::uint8_t member_count, const SheetCommon& common) {
  SheetContent c;
  c.title = common.title;
  c.secret_label = common.secret_label;
  c.set_id = Slip39SetName(share.identifier);
  c.index = static_cast<std::uint8_t>(share.member_index + 1);
  c.count = member_count;
  c.threshold = share.member_threshold;
  c.ceremony_id = common.ceremony_id;
  c.date_unix = common.date_unix;
  c.slip39_mnemonic = secmem::SecureBytes::CopyOf(mnemonic.span());
  c.slip39_group = static_cast<std::uint8_t>(share.group_index + 1);
  c.slip39_groups = share.group_count;
  c.slip39_group_threshold = share.group_threshold;
  return c;
}

Status CheckSlip39SheetContent(const SheetContent& c) {
  const std::string where =
      "SLIP-39 sheet of member " + std::to_string(c.index) + " of set " + c.set_id;
  Result<slip39::Share> share = slip39::DecodeMnemonic(c.slip39_mnemonic.view(), where);
  if (!share.ok()) return InvalidArgument(where + ": its mnemonic does not decode");
  if (Slip39SetName(share->identifier) != c.set_id || share->member_index + 1 != c.index ||
      share->member_threshold != c.threshold || share->group_index + 1 != c.slip39_group ||
      share->group_count != c.slip39_groups || share->group_threshold != c.slip39_group_threshold) {
    return InvalidArgument(where + ": its mnemonic is of another set, group or member");
  }
  return OkStatus();
}

Result<std::vector<TypedRow>> Slip39WordRows(std::string_view mnemonic) {
  std::vector<std::string_view> words = Tokens(mnemonic);
  if (words.size() < slip39::kMinMnemonicWords || words.size() != CountWords(mnemonic)) {
    return InvalidInput("a SLIP-39 mnemonic is at least 20 words separated by single spaces");
  }
  const std::size_t digits = NumberDigits(words.size());
  std::vector<TypedRow> rows;
  for (std::size_t first = 0; first < words.size(); first += kSlip39WordsPerRow) {
    const std::size_t n = std::min(kSlip39WordsPerRow, words.size() - first);
    rows.push_back(MakeRow(rows.size() + 1, std::span(words).subspan(first, n), first + 1, digits));
  }
  return rows;
}

Result<secmem::SecureBytes> Slip39MnemonicFromRows(std::span<const TypedRow> rows) {
  std::size_t total = 0;
  for (const TypedRow& row : rows) total += row.text.size() + 1;
  secmem::SecureBytes joined(total);
  std::size_t used = 0, expected = 1;
  for (const TypedRow& row : rows) {
    const std::vector<std::string_view> tokens = Tokens(row.text.view());
    for (std::size_t i = 0; i < tokens.size(); i += 2) {
      if (i + 1 >= tokens.size() || tokens[i] != std::to_string(expected) + ".") {
        return InvalidInput("row " + std::to_string(row.number) + ": word " +
                            std::to_string(expected) + " is not where it should be");
      }
      if (used > 0) joined[used++] = ' ';
      std::memcpy(joined.data() + used, tokens[i + 1].data(), tokens[i + 1].size());
      used += tokens[i + 1].size();
      ++expected;
    }
  }
  secmem::SecureBytes out(used);
  std::memcpy(out.data(), joined.data(), used);
  return out;
}

}  // namespace keyrite::paper
