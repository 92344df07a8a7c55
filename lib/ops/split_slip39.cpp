#include "ops/split_slip39.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "io/files.h"

namespace keyrite::ops {
namespace {

Result<secmem::SecureBytes> ReadSecret(const std::string& input) {
  if (input == "-" && io::IsTerminal(0)) {
    return Refused("standard input is a terminal: pipe the secret in, or use --in FILE");
  }
  const std::string name = input == "-" ? "standard input" : input;
  KR_ASSIGN_OR_RETURN(secmem::SecureBytes secret,
                      io::ReadSecretFile(input, slip39::kMaxSecretBytes));
  if (secret.size() < slip39::kMinSecretBytes || secret.size() % 2 != 0) {
    return InvalidInput(name + ": " + std::to_string(secret.size()) +
                        " bytes; a SLIP-39 secret is an even number of bytes from 16 to 256 "
                        "(16 or 32 for a Trezor)");
  }
  return secret;
}

struct PlannedFile {
  std::string path;
  const secmem::SecureBytes* mnemonic;
};

Result<std::vector<PlannedFile>> PlanFiles(const std::string& dir, const slip39::Mnemonics& m) {
  std::vector<PlannedFile> plan;
  for (std::size_t g = 0; g < m.size(); ++g) {
    for (std::size_t i = 0; i < m[g].size(); ++i) {
      plan.push_back(
          {io::JoinPath(dir, Slip39ShareFileName(g + 1, m.size(), i + 1, m[g].size())), &m[g][i]});
      if (io::PathExists(plan.back().path)) {
        return AlreadyExists(plan.back().path + ": already exists; nothing was written");
      }
    }
  }
  return plan;
}

// The mnemonic and a newline, in locked memory.
secmem::SecureBytes Line(const secmem::SecureBytes& mnemonic) {
  secmem::SecureBytes line(mnemonic.size() + 1);
  std::memcpy(line.data(), mnemonic.data(), mnemonic.size());
  line[mnemonic.size()] = '\n';
  return line;
}

Status WriteFiles(const std::vector<PlannedFile>& plan) {
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const Status s =
        io::WriteNewFile(plan[i].path, Line(*plan[i].mnemonic).span(), io::FileMode::kSecret);
    if (!s.ok()) {
      for (std::size_t j = 0; j < i; ++j) io::RemoveQuietly(plan[j].path);
      return s;
    }
  }
  return OkStatus();
}

Status WriteToDirectory(const slip39::Mnemonics& m, const std::string& dir,
                        std::vector<std::string>& files) {
  const bool created = !io::PathExists(dir);
  if (!created && !io::IsDirectory(dir)) {
    return AlreadyExists(dir + ": exists and is not a directory; nothing was written");
  }
  KR_ASSIGN_OR_RETURN(const std::vector<PlannedFile> plan, PlanFiles(dir, m));
  if (created) KR_RETURN_IF_ERROR(io::MakeDirectory(dir));
  const Status s = WriteFiles(plan);
  if (!s.ok()) {
    if (created) rmdir(dir.c_str());
    return s;
  }
  for (const PlannedFile& f : plan) files.push_back(f.path);
  return OkStatus();
}

// One mnemonic per line, a blank line between groups.
Status WriteToStdout(const slip39::Mnemonics& m) {
  if (io::IsTerminal(1)) {
    return Refused(
        "standard output is a terminal, where all the shares together would show the "
        "secret: redirect it, or use --out DIR");
  }
  for (std::size_t g = 0; g < m.size(); ++g) {
    if (g > 0) KR_RETURN_IF_ERROR(io::WriteToDescriptor(1, Line({}).span(), "standard output"));
    for (const secmem::SecureBytes& mnemonic : m[g]) {
      KR_RETURN_IF_ERROR(io::WriteToDescriptor(1, Line(mnemonic).span(), "standard output"));
    }
  }
  return OkStatus();
}

// Check before release: every mnemonic, decoded and recombined, gives the secret back.
Status Verify(const slip39::Mnemonics& m, std::span<const std::uint8_t> secret,
              std::span<const std::uint8_t> passphrase) {
  std::vector<slip39::SourcedMnemonic> all;
  for (std::size_t g = 0; g < m.size(); ++g) {
    for (std::size_t i = 0; i < m[g].size(); ++i) {
      all.push_back({Slip39ShareFileName(g + 1, m.size(), i + 1, m[g].size()),
                     secmem::SecureBytes::CopyOf(m[g][i].view())});
    }
  }
  Result<slip39::Recovered> back = slip39::Combine(all, passphrase);
  if (!back.ok() || !secmem::ConstantTimeEqual(back->secret.span(), secret)) {
    return Internal("the SLIP-39 shares did not recombine to the secret; nothing was written");
  }
  return OkStatus();
}

Result<std::uint16_t> IdentifierOf(const slip39::Mnemonics& m) {
  KR_ASSIGN_OR_RETURN(const slip39::Share s, slip39::DecodeMnemonic(m[0][0].view(), "share 1"));
  return s.identifier;
}

}  // namespace

Result<std::vector<slip39::GroupSpec>> ParseSlip39Groups(std::string_view text) {
  std::vector<slip39::GroupSpec> groups;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const std::string item(text.substr(start, comma - start));
    unsigned t = 0, n = 0;
    char tail = 0;
    if ((std::sscanf(item.c_str(), "%uof%u%c", &t, &n, &tail) != 2 &&
         std::sscanf(item.c_str(), "%u-of-%u%c", &t, &n, &tail) != 2) ||
        t > 255 || n > 255) {
      return InvalidArgument("--groups takes thresholds like \"2of3,3of5\"; cannot read \"" + item +
                             "\"");
    }
    groups.push_back({static_cast<std::uint8_t>(t), static_cast<std::uint8_t>(n)});
    start = comma + 1;
  }
  return groups;
}

std::string Slip39ShareFileName(std::size_t group, std::size_t group_count, std::size_t member,
                                std::size_t member_count) {
  const std::string share =
      "share-" + std::to_string(member) + "-of-" + std::to_string(member_count) + ".txt";
  if (group_count == 1) return "slip39-" + share;
  return "slip39-group-" + std::to_string(group) + "-of-" + std::to_string(group_count) + "-" +
         share;
}

Result<secmem::SecureBytes> AskSlip39Passphrase(io::Prompter& prompter, bool confirm) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    KR_ASSIGN_OR_RETURN(secmem::SecureBytes first,
                        prompter.ReadSecretLine("SLIP-39 passphrase (empty for none): "));
    const Status printable = slip39::CheckPassphrase(first.span());
    if (!printable.ok()) {
      prompter.Tell(printable.message() + "; type it again\n");
      continue;
    }
    if (!confirm) return first;
    KR_ASSIGN_OR_RETURN(const secmem::SecureBytes again,
                        prompter.ReadSecretLine("The same passphrase again: "));
    if (first.size() == again.size() && secmem::ConstantTimeEqual(first.span(), again.span())) {
      return first;
    }
    prompter.Tell("the two passphrases differ; type them again\n");
  }
  return Cancelled("no agreeing SLIP-39 passphrase after 3 tries; nothing was written");
}

Result<Slip39SplitReport> SplitSlip39(const Slip39SplitRequest& request, Rng& rng) {
  if (request.output.empty()) {
    return InvalidArgument("say where the shares go: --out DIR, or --out - for standard output");
  }
  const slip39::SplitParameters params{request.group_threshold, request.groups,
                                       request.iteration_exponent, request.extendable};
  KR_RETURN_IF_ERROR(slip39::CheckSplitParameters(params));  // before any prompt or read
  KR_ASSIGN_OR_RETURN(const secmem::SecureBytes secret, ReadSecret(request.input));
  secmem::SecureBytes passphrase;
  if (request.passphrase != nullptr) {
    KR_ASSIGN_OR_RETURN(passphrase, AskSlip39Passphrase(*request.passphrase, true));
  }
  KR_ASSIGN_OR_RETURN(const slip39::Mnemonics m,
                      slip39::Split(secret.span(), passphrase.span(), params, rng));
  KR_RETURN_IF_ERROR(Verify(m, secret.span(), passphrase.span()));
  Slip39SplitReport report{
      0, request.group_threshold, request.groups, secret.size(), !passphrase.empty(), {}};
  KR_ASSIGN_OR_RETURN(report.identifier, IdentifierOf(m));
  if (request.output == "-") {
    KR_RETURN_IF_ERROR(WriteToStdout(m));
  } else {
    KR_RETURN_IF_ERROR(WriteToDirectory(m, request.output, report.files));
  }
  return report;
}

}  // namespace keyrite::ops
