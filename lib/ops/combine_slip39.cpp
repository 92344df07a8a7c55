#include "ops/combine_slip39.h"

#include <cstring>
#include <map>
#include <optional>
#include <set>

#include "io/files.h"
#include "ops/split_slip39.h"
#include "paper/scan.h"
#include "slip39/wordlist.h"

namespace keyrite::ops {
namespace {

constexpr std::size_t kMaxInputBytes = 64 * 1024;
constexpr std::size_t kMaxTypedWords = 4 + 206 + 3;  // a 256-byte secret

bool IsBlank(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

// The mnemonics of one file: one per non-blank line that is not a '#' comment.
Status ReadFile(const std::string& path, std::vector<slip39::SourcedMnemonic>& out) {
  if (path == "-" && io::IsTerminal(0)) {
    return Refused(
        "standard input is a terminal: pipe the mnemonics in, name the files, or use --typed");
  }
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes text, io::ReadSecretFile(path, kMaxInputBytes));
  const std::string name = path == "-" ? "standard input" : path;
  std::vector<std::pair<std::size_t, std::string_view>> lines;
  std::string_view rest = text.view();
  for (std::size_t number = 1; !rest.empty(); ++number) {
    const std::size_t nl = std::min(rest.find('\n'), rest.size());
    const std::string_view line = rest.substr(0, nl);
    rest.remove_prefix(std::min(nl + 1, rest.size()));
    if (!IsBlank(line) && line.find_first_not_of(" \t") != line.find('#')) {
      lines.emplace_back(number, line);
    }
  }
  if (lines.empty()) return InvalidInput(name + ": no SLIP-39 mnemonic in it");
  for (const auto& [number, line] : lines) {
    out.push_back({lines.size() == 1 ? name : name + " line " + std::to_string(number),
                   secmem::SecureBytes::CopyOf(line)});
  }
  return OkStatus();
}

// Whether the shares' own headers say a quorum is there: enough groups with enough members.
bool QuorumReached(const std::vector<slip39::Share>& shares) {
  if (shares.empty()) return false;
  std::map<std::uint8_t, std::set<std::uint8_t>> members;
  for (const slip39::Share& s : shares) members[s.group_index].insert(s.member_index);
  std::size_t complete = 0;
  for (const slip39::Share& s : shares) {
    auto it = members.find(s.group_index);
    if (it != members.end() && it->second.size() >= s.member_threshold) {
      ++complete;
      members.erase(it);
    }
  }
  return complete >= shares.front().group_threshold;
}

// One mnemonic typed in pieces: each word is checked against the list as it comes.
class WordEntry {
 public:
  WordEntry() : text_(kMaxTypedWords * (slip39::kMaxWordLength + 1)) {}
  std::size_t words() const { return words_; }
  std::string_view view() const { return text_.view().substr(0, used_); }

  Status Add(std::string_view entry) {
    std::size_t i = 0;
    while (i < entry.size()) {
      while (i < entry.size() && (entry[i] == ' ' || entry[i] == '\t')) ++i;
      const std::size_t start = i;
      while (i < entry.size() && entry[i] != ' ' && entry[i] != '\t') ++i;
      if (i > start) KR_RETURN_IF_ERROR(AddWord(entry.substr(start, i - start)));
    }
    return OkStatus();
  }

 private:
  Status AddWord(std::string_view word) {
    if (!slip39::WordIndexAnyCase(word)) {
      return InvalidInput("word " + std::to_string(words_ + 1) + " \"" + std::string(word) +
                          "\" is not in the SLIP-39 word list");
    }
    if (words_ == kMaxTypedWords) return InvalidInput("too many words for a SLIP-39 share");
    if (used_ > 0) text_[used_++] = ' ';
    std::memcpy(text_.data() + used_, word.data(), word.size());
    used_ += word.size();
    ++words_;
    return OkStatus();
  }

  secmem::SecureBytes text_;
  std::size_t used_ = 0;
  std::size_t words_ = 0;
};

// One share, typed until an empty entry; nullopt when the first entry is empty (no more shares).
Result<std::optional<slip39::SourcedMnemonic>> ReadOneTyped(io::Prompter& prompter,
                                                            const std::string& name) {
  WordEntry entry;
  for (;;) {
    const std::string prompt =
        entry.words() == 0
            ? name + ": type the words (empty line when done, or to stop): "
            : name + ", from word " + std::to_string(entry.words() + 1) + " (empty when done): ";
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes typed, prompter.ReadSecretLine(prompt));
    if (typed.empty() && entry.words() == 0) return std::optional<slip39::SourcedMnemonic>();
    if (typed.empty()) {
      return std::optional<slip39::SourcedMnemonic>(
          slip39::SourcedMnemonic{name, secmem::SecureBytes::CopyOf(entry.view())});
    }
    const Status s = entry.Add(typed.view());
    if (!s.ok()) prompter.Tell(s.message() + "; the words before it are kept\n");
  }
}

// The mnemonics in the QR codes of scanned sheets; a keyrite share among them is refused.
Status ReadScans(const std::vector<std::string>& scans,
                 std::vector<slip39::SourcedMnemonic>& out) {
  if (scans.empty()) return OkStatus();
  KR_ASSIGN_OR_RETURN(std::vector<paper::ScannedPayload> found,
                      paper::ScanImageFiles(scans, {.accept_slip39 = true}));
  for (paper::ScannedPayload& p : found) {
    if (p.kind != paper::PayloadKind::kSlip39Mnemonic) {
      return InvalidInput(p.origin +
                          ": a keyrite share, not a SLIP-39 mnemonic; combine it without "
                          "--format slip39");
    }
    out.push_back({p.origin, std::move(p.text)});
  }
  return OkStatus();
}

Status CheckOutput(const Slip39CombineRequest& request) {
  if (request.to_stdout && !request.output.empty()) {
    return InvalidArgument("give either --out FILE or --stdout, not both");
  }
  if (request.to_stdout && io::IsTerminal(1)) {
    return Refused(
        "standard output is a terminal: the secret would show on screen; redirect it, "
        "or use --out FILE");
  }
  if (!request.to_stdout && request.output.empty()) {
    return InvalidArgument("say where the secret goes: --out FILE (created 0600), or --stdout");
  }
  if (!request.to_stdout && io::PathExists(request.output)) {
    return AlreadyExists(request.output + ": already exists; nothing was overwritten");
  }
  return OkStatus();
}

Result<std::vector<slip39::Share>> DecodeAll(const std::vector<slip39::SourcedMnemonic>& given) {
  std::vector<slip39::Share> shares;
  for (const slip39::SourcedMnemonic& m : given) {
    KR_ASSIGN_OR_RETURN(slip39::Share s, slip39::DecodeMnemonic(m.text.view(), m.origin));
    shares.push_back(std::move(s));
  }
  return shares;
}

}  // namespace

Result<std::vector<slip39::SourcedMnemonic>> ReadTypedMnemonics(io::Prompter& prompter,
                                                                std::vector<slip39::Share> have,
                                                                int tries_per_share) {
  std::vector<slip39::SourcedMnemonic> typed;
  while (!QuorumReached(have)) {
    const std::string name = "typed share " + std::to_string(typed.size() + 1);
    Result<std::optional<slip39::SourcedMnemonic>> one = Cancelled(name + ": no tries left");
    Result<slip39::Share> decoded = Cancelled(name + ": no tries left");
    for (int attempt = 0; attempt < tries_per_share; ++attempt) {
      one = ReadOneTyped(prompter, name);
      if (!one.ok() || !one->has_value()) break;
      decoded = slip39::DecodeMnemonic((*one)->text.view(), name);
      if (decoded.ok()) break;
      prompter.Tell(decoded.status().message() + "; type this share again from the start\n");
    }
    if (!one.ok()) return one.status();
    if (!one->has_value()) break;  // the custodians stopped; Combine says what is missing
    if (!decoded.ok()) return decoded.status();
    prompter.Tell(name + ": member " + std::to_string(decoded->member_index + 1) + " of group " +
                  std::to_string(decoded->group_index + 1) + " accepted\n");
    have.push_back(std::move(decoded).value());
    typed.push_back(std::move(**one));
  }
  return typed;
}

Result<Slip39CombineReport> CombineSlip39(const Slip39CombineRequest& request) {
  KR_RETURN_IF_ERROR(CheckOutput(request));
  if (request.inputs.empty() && request.scans.empty() && request.typed == nullptr) {
    return InvalidArgument(
        "no shares given: name files of SLIP-39 mnemonics, --scan sheets, or use --typed");
  }
  std::vector<slip39::SourcedMnemonic> given;
  for (const std::string& path : request.inputs) KR_RETURN_IF_ERROR(ReadFile(path, given));
  KR_RETURN_IF_ERROR(ReadScans(request.scans, given));
  if (request.typed != nullptr) {
    KR_ASSIGN_OR_RETURN(std::vector<slip39::Share> have, DecodeAll(given));
    KR_ASSIGN_OR_RETURN(std::vector<slip39::SourcedMnemonic> typed,
                        ReadTypedMnemonics(*request.typed, std::move(have)));
    for (slip39::SourcedMnemonic& m : typed) given.push_back(std::move(m));
  }
  KR_ASSIGN_OR_RETURN(const std::vector<slip39::Share> shares, DecodeAll(given));
  secmem::SecureBytes passphrase;
  if (request.passphrase != nullptr) {
    KR_ASSIGN_OR_RETURN(passphrase, AskSlip39Passphrase(*request.passphrase, false));
  }
  KR_ASSIGN_OR_RETURN(const slip39::Recovered r, slip39::Combine(given, passphrase.span()));
  if (request.to_stdout) {
    KR_RETURN_IF_ERROR(io::WriteToDescriptor(1, r.secret.span(), "standard output"));
  } else {
    KR_RETURN_IF_ERROR(io::WriteNewFile(request.output, r.secret.span(), io::FileMode::kSecret));
  }
  Slip39CombineReport report{
      r.set, {}, r.secret.size(), !passphrase.empty(), request.to_stdout ? "-" : request.output};
  for (std::size_t i = 0; i < given.size(); ++i) {
    report.shares.push_back({given[i].origin, shares[i].group_index, shares[i].member_index});
  }
  return report;
}

}  // namespace keyrite::ops
