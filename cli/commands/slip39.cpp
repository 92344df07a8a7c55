// split --format slip39 and combine --format slip39: flags, run and report.

#include "slip39.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/rng.h"
#include "io/prompt.h"
#include "ops/combine_slip39.h"
#include "ops/paper.h"
#include "ops/split_slip39.h"

namespace keyrite::cli {
namespace {

constexpr char kFormat[] = "slip39";

void Dump(std::FILE* out, const nlohmann::json& j) {
  std::fprintf(out, "%s\n",
               j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

std::string GroupsText(const std::vector<slip39::GroupSpec>& groups) {
  std::string out;
  for (const slip39::GroupSpec& g : groups) {
    out +=
        (out.empty() ? "" : ", ") + std::to_string(g.threshold) + " of " + std::to_string(g.count);
  }
  return out;
}

void PrintSplit(const Globals& globals, const ops::Slip39SplitReport& r,
                const Slip39SplitFlags& f, const ops::PrintReport& printed) {
  std::FILE* out = r.files.empty() ? stderr : stdout;
  if (globals.json) {
    nlohmann::json groups = nlohmann::json::array();
    for (const auto& g : r.groups)
      groups.push_back({{"threshold", g.threshold}, {"count", g.count}});
    return Dump(out, {{"ok", true},
                      {"command", "split"},
                      {"format", kFormat},
                      {"identifier", r.identifier},
                      {"group_threshold", r.group_threshold},
                      {"groups", groups},
                      {"iteration_exponent", f.iteration_exponent},
                      {"extendable", f.extendable},
                      {"passphrase", r.passphrase},
                      {"secret_bytes", r.secret_bytes},
                      {"files", r.files},
                      {"sheets", printed.sheets},
                      {"labels", printed.labels}});
  }
  const std::string how = r.groups.size() == 1
                              ? "any " + std::to_string(r.groups[0].threshold) + " of " +
                                    std::to_string(r.groups[0].count) + " shares recover it"
                              : std::to_string(r.group_threshold) + " of " +
                                    std::to_string(r.groups.size()) +
                                    " groups recover it (groups: " + GroupsText(r.groups) + ")";
  std::fprintf(out, "Split a %zu-byte secret into SLIP-39 shares, set %u%s; %s.\n", r.secret_bytes,
               r.identifier, r.passphrase ? " (with a passphrase)" : "", how.c_str());
  for (const std::string& file : r.files) std::fprintf(out, "  wrote %s\n", file.c_str());
  for (const std::string& sheet : printed.sheets) {
    std::fprintf(out, "  printed %s (read back before it was written)\n", sheet.c_str());
  }
  if (!printed.labels.empty()) std::fprintf(out, "  printed %s (no secret)\n", printed.labels.c_str());
}

// split --print: one sheet per mnemonic, printed from the share files just written.
Result<ops::PrintReport> PrintSlip39Sheets(const ops::Slip39SplitReport& r,
                                           const std::string& dir) {
  if (dir.empty()) return ops::PrintReport{};
  ops::PrintRequest print;
  print.inputs = r.files;
  print.out_dir = dir;
  Result<ops::PrintReport> printed = ops::PrintSheets(print, SystemClock());
  if (!printed.ok()) {
    return printed.status().WithContext("the share files were written, but no sheet was printed");
  }
  return printed;
}

Result<std::vector<slip39::GroupSpec>> GroupsFrom(const Slip39SplitFlags& f, unsigned t,
                                                  unsigned n) {
  if (!f.groups.empty()) {
    if (t != 0 || n != 0) return InvalidArgument("give --groups or -t/-n, not both");
    return ops::ParseSlip39Groups(f.groups);
  }
  if (f.group_threshold != 0) return InvalidArgument("--group-threshold goes with --groups");
  if (t == 0 || n == 0 || t > 255 || n > 255) {
    return InvalidArgument("give -t T -n N (one group), or --groups like 2of3,3of5");
  }
  return std::vector<slip39::GroupSpec>{
      {static_cast<std::uint8_t>(t), static_cast<std::uint8_t>(n)}};
}

Status CheckNoNativeFlags(const ops::SplitRequest& r) {
  if (!r.to.empty() || r.binary) {
    return InvalidArgument("--to and --binary do not go with --format slip39");
  }
  if (!r.print_dir.empty() && r.output == "-") {
    return InvalidArgument("--print with --format slip39 needs --out DIR, not standard output");
  }
  return OkStatus();
}

Result<ops::Slip39SplitRequest> SplitRequestFrom(const Slip39SplitFlags& f,
                                                 const ops::SplitRequest& native, unsigned t,
                                                 unsigned n) {
  KR_RETURN_IF_ERROR(CheckNoNativeFlags(native));
  ops::Slip39SplitRequest r;
  KR_ASSIGN_OR_RETURN(r.groups, GroupsFrom(f, t, n));
  r.group_threshold = static_cast<std::uint8_t>(
      f.group_threshold != 0 ? std::min(f.group_threshold, 255u) : r.groups.size());
  if (f.iteration_exponent > 255) return InvalidArgument("--iteration-exponent must be 0 to 15");
  r.iteration_exponent = static_cast<std::uint8_t>(f.iteration_exponent);
  r.extendable = f.extendable;
  r.input = native.input;
  r.output = native.output;
  return r;
}

// The terminal for the passphrase prompt, when one was asked for.
Result<std::unique_ptr<io::Prompter>> PassphraseTerminal(bool wanted) {
  if (!wanted) return std::unique_ptr<io::Prompter>();
  return io::OpenTerminalPrompter();
}

void PrintCombine(const Globals& globals, const ops::Slip39CombineReport& r) {
  std::FILE* out = r.output == "-" ? stderr : stdout;
  if (globals.json) {
    nlohmann::json used = nlohmann::json::array();
    for (const auto& u : r.shares) {
      used.push_back(
          {{"group", u.group_index + 1}, {"member", u.member_index + 1}, {"from", u.origin}});
    }
    return Dump(out, {{"ok", true},
                      {"command", "combine"},
                      {"format", kFormat},
                      {"identifier", r.set.identifier},
                      {"group_threshold", r.set.group_threshold},
                      {"group_count", r.set.group_count},
                      {"shares", used},
                      {"passphrase", r.passphrase},
                      {"secret_bytes", r.secret_bytes},
                      {"output", r.output}});
  }
  std::fprintf(out, "Recovered a %zu-byte secret from SLIP-39 set %u (%u of %u groups)%s using:\n",
               r.secret_bytes, r.set.identifier, r.set.group_threshold, r.set.group_count,
               r.passphrase ? " with a passphrase" : "");
  for (const auto& u : r.shares) {
    std::fprintf(out, "  group %u member %u  %s\n", u.group_index + 1u, u.member_index + 1u,
                 u.origin.c_str());
  }
  if (r.output != "-") std::fprintf(out, "Wrote %s (mode 0600)\n", r.output.c_str());
}

}  // namespace

void AddSlip39SplitFlags(CLI::App* cmd, Slip39SplitFlags& flags) {
  const std::string group = "SLIP-39 (with --format slip39)";
  cmd->add_option("--groups", flags.groups,
                  "SLIP-39 groups as member thresholds, e.g. 2of3,3of5 (instead of -t/-n)")
      ->group(group);
  cmd->add_option("--group-threshold", flags.group_threshold,
                  "SLIP-39 groups needed to recover (default: all of them)")
      ->check(CLI::Range(1, 16))
      ->group(group);
  cmd->add_option("--iteration-exponent", flags.iteration_exponent,
                  "SLIP-39 passphrase stretching: 10000 << E PBKDF2 iterations (0..15, default 1)")
      ->check(CLI::Range(0, 15))
      ->group(group);
  cmd->add_flag("--extendable", flags.extendable,
                "Mark the SLIP-39 set extendable (more sets of the same secret can be made later)")
      ->group(group);
  cmd->add_flag("--passphrase", flags.passphrase,
                "Ask for a SLIP-39 passphrase at the terminal (never on the command line)")
      ->group(group);
}

bool Slip39SplitFlagsGiven(const Slip39SplitFlags& f) {
  return !f.groups.empty() || f.group_threshold != 0 || f.iteration_exponent != 1 || f.extendable ||
         f.passphrase;
}

bool RunSlip39SplitIfAsked(const Globals& globals, const std::string& format,
                           const Slip39SplitFlags& flags, const ops::SplitRequest& request,
                           unsigned threshold, unsigned count, Outcome& outcome) {
  if (format != kFormat) {
    if (!Slip39SplitFlagsGiven(flags)) return false;
    outcome.code =
        Fail(globals, "split",
             InvalidArgument(
                 "--groups, --group-threshold, "
                 "--iteration-exponent, --extendable and --passphrase go with --format slip39"));
    return true;
  }
  Result<ops::Slip39SplitRequest> r = SplitRequestFrom(flags, request, threshold, count);
  Result<std::unique_ptr<io::Prompter>> terminal = PassphraseTerminal(flags.passphrase);
  if (r.ok() && !terminal.ok()) r = terminal.status();
  if (!r.ok()) {
    outcome.code = Fail(globals, "split", r.status());
    return true;
  }
  r->passphrase = terminal->get();
  Result<ops::Slip39SplitReport> done = ops::SplitSlip39(*r, SystemRng());
  if (!done.ok()) {
    outcome.code = Fail(globals, "split", done.status());
    return true;
  }
  Result<ops::PrintReport> printed = PrintSlip39Sheets(*done, request.print_dir);
  if (!printed.ok()) {
    outcome.code = Fail(globals, "split", printed.status());
    return true;
  }
  PrintSplit(globals, *done, flags, *printed);
  return true;
}

void AddSlip39CombineFlags(CLI::App* cmd, Slip39CombineFlags& flags) {
  cmd->add_flag("--passphrase", flags.passphrase,
                "Ask for the SLIP-39 passphrase at the terminal (with --format slip39)")
      ->group("SLIP-39 (with --format slip39)");
}

bool RunSlip39CombineIfAsked(const Globals& globals, const std::string& format,
                             const Slip39CombineFlags& flags, const ops::CombineRequest& request,
                             bool typed, Outcome& outcome) {
  if (format != kFormat) {
    if (!flags.passphrase) return false;
    outcome.code =
        Fail(globals, "combine", InvalidArgument("--passphrase goes with --format slip39"));
    return true;
  }
  ops::Slip39CombineRequest r{request.inputs, request.scans,  request.output,
                              request.to_stdout, nullptr,       nullptr};
  Status s = request.manifest.empty() && request.gnupghome.empty()
                 ? OkStatus()
                 : InvalidArgument("--manifest and --gnupghome do not go with --format slip39");
  std::unique_ptr<io::Prompter> terminal;
  if (s.ok() && (typed || flags.passphrase)) {
    Result<std::unique_ptr<io::Prompter>> opened = io::OpenTerminalPrompter();
    if (opened.ok()) terminal = std::move(opened).value();
    s = opened.status();
  }
  if (!s.ok()) {
    outcome.code = Fail(globals, "combine", s);
    return true;
  }
  if (typed) r.typed = terminal.get();
  if (flags.passphrase) r.passphrase = terminal.get();
  Result<ops::Slip39CombineReport> done = ops::CombineSlip39(r);
  if (!done.ok()) {
    outcome.code = Fail(globals, "combine", done.status());
    return true;
  }
  PrintCombine(globals, *done);
  return true;
}

}  // namespace keyrite::cli
