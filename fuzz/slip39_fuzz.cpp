// libFuzzer target for SLIP-39 mnemonics (slip39/mnemonic.h, slip39.h): each line of the input is
// decoded (a decoded share encodes back to a mnemonic that decodes to the same share), and up to
// four lines are combined. Refusals must be one-line messages.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_util.h"
#include "slip39/slip39.h"

namespace {

using namespace keyrite;

constexpr std::size_t kMaxMnemonics = 4;

bool SameShare(const slip39::Share& a, const slip39::Share& b) {
  return a.identifier == b.identifier && a.extendable == b.extendable &&
         a.iteration_exponent == b.iteration_exponent && a.group_index == b.group_index &&
         a.group_threshold == b.group_threshold && a.group_count == b.group_count &&
         a.member_index == b.member_index && a.member_threshold == b.member_threshold &&
         a.value.view() == b.value.view();
}

void DecodeOne(std::string_view line) {
  const Result<slip39::Share> share = slip39::DecodeMnemonic(line, "fuzz");
  if (!share.ok()) {
    fuzz::CheckRefusal(share.status());
    return;
  }
  const secmem::SecureBytes text = slip39::EncodeMnemonic(*share);
  const Result<slip39::Share> again = slip39::DecodeMnemonic(text.view(), "again");
  KR_CHECK(again.ok() && SameShare(*again, *share));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<slip39::SourcedMnemonic> mnemonics;
  for (const std::string_view line : fuzz::Lines(fuzz::AsText(data, size), kMaxMnemonics)) {
    DecodeOne(line);
    mnemonics.push_back(
        {"share " + std::to_string(mnemonics.size() + 1), secmem::SecureBytes::CopyOf(line)});
  }
  const Result<slip39::Recovered> recovered = slip39::Combine(mnemonics, {});
  if (!recovered.ok()) fuzz::CheckRefusal(recovered.status());
  return 0;
}
