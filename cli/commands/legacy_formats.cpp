// combine --format ssss|vault and split --format vault|vault-hex: flags and printing.

#include "legacy_formats.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "base/rng.h"
#include "ops/legacy_formats.h"

namespace keyrite::cli {
namespace {

void PrintCombine(const Globals& globals, const ops::LegacyCombineReport& r) {
  std::FILE* out = r.output == "-" ? stderr : stdout;
  if (globals.json) {
    const nlohmann::json j = {{"ok", true},           {"command", "combine"},
                              {"format", r.format},   {"threshold", r.threshold},
                              {"shares", r.shares},   {"secret_bytes", r.secret_bytes},
                              {"checked", r.checked}, {"output", r.output}};
    std::fprintf(out, "%s\n",
                 j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    return;
  }
  std::fprintf(out, "Recovered a %zu-byte secret from %zu %s shares:\n", r.secret_bytes,
               r.shares.size(), r.format.c_str());
  for (const std::string& s : r.shares) std::fprintf(out, "  %s\n", s.c_str());
  if (r.checked) std::fprintf(out, "The key matches the check value recorded at split time.\n");
  if (r.output != "-") std::fprintf(out, "Wrote %s (mode 0600)\n", r.output.c_str());
}

void PrintSplit(const Globals& globals, const ops::LegacySplitReport& r) {
  if (globals.json) {
    const nlohmann::json j = {{"ok", true},        {"command", "split"},
                              {"format", "vault"}, {"threshold", r.threshold},
                              {"count", r.count},  {"secret_bytes", r.secret_bytes},
                              {"files", r.files},  {"check_file", r.check_file}};
    std::printf("%s\n", j.dump().c_str());
    return;
  }
  std::printf("Split a %zu-byte key into %u Vault unseal-key shares; any %u recover it.\n",
              r.secret_bytes, r.count, r.threshold);
  for (const std::string& f : r.files) std::printf("  wrote %s\n", f.c_str());
  std::printf("  wrote %s (public check value: give it to combine --check)\n",
              r.check_file.c_str());
}

}  // namespace

bool IsLegacyFormat(const std::string& format) {
  Result<ops::ShareFormat> f = ops::ParseShareFormat(format);
  return !f.ok() || *f != ops::ShareFormat::kKeyrite;
}

void AddLegacyCombineFlags(CLI::App* cmd, LegacyCombineFlags& flags) {
  cmd->add_option("-t,--threshold", flags.threshold,
                  "ssss, vault: the threshold of the split (ssss shares do not record it)")
      ->check(CLI::Range(2, 255));
  cmd->add_flag("-D,--no-diffusion", flags.no_diffusion,
                "ssss: the shares were made with ssss-split -D (no diffusion layer)");
  cmd->add_option("--check", flags.check_file,
                  "vault: the vault-check.json written by split --format vault; the key is "
                  "tested against it");
}

void RunLegacyCombine(const Globals& globals, const std::string& format,
                      const ops::CombineRequest& request, const LegacyCombineFlags& flags,
                      Outcome& outcome) {
  Result<ops::ShareFormat> parsed = ops::ParseShareFormat(format);
  if (!parsed.ok()) {
    outcome.code = Fail(globals, "combine", parsed.status());
    return;
  }
  const ops::LegacyCombineOptions options{*parsed, flags.threshold, !flags.no_diffusion,
                                          flags.check_file};
  Result<ops::LegacyCombineReport> r = ops::CombineLegacy(request, options);
  if (!r.ok()) {
    outcome.code = Fail(globals, "combine", r.status());
    return;
  }
  for (const std::string& w : r->warnings) Warn(w);
  PrintCombine(globals, *r);
}

void RunLegacySplit(const Globals& globals, const std::string& format,
                    const ops::SplitRequest& request, Outcome& outcome) {
  Result<ops::ShareFormat> parsed = ops::ParseShareFormat(format);
  Result<ops::LegacySplitReport> r =
      parsed.ok() ? ops::SplitLegacy(request, *parsed, SystemRng()) : parsed.status();
  if (!r.ok()) {
    outcome.code = Fail(globals, "split", r.status());
    return;
  }
  PrintSplit(globals, *r);
}

}  // namespace keyrite::cli
