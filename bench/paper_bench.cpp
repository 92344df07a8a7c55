// Benchmark: lay out, draw, read back (zbar) and render to PDF the 7 sheets of a 4-of-7 split,
// as `keyrite split -t 4 -n 7 --print` does. Goal: under 1 s. Prints the time; exits non-zero
// only when the work itself fails.

#include <chrono>
#include <cstdio>
#include <vector>

#include "base/rng.h"
#include "paper/sheet_writer.h"
#include "paper/template.h"
#include "share/share_set.h"

namespace {

using keyrite::paper::SheetContent;

constexpr std::int64_t kDate = 1795300200;  // 2026-11-21, fixed so runs are comparable

std::vector<SheetContent> MakeSheets() {
  keyrite::SeededRng rng(42);
  keyrite::secmem::SecureBytes secret(32);
  rng.Fill(secret.span());
  auto shares = keyrite::share::SplitSecret(secret.span(), 4, 7, rng);
  std::vector<SheetContent> sheets;
  if (!shares.ok()) return sheets;
  const keyrite::paper::SheetCommon common{"Benchmark", "HSM password", "BENCH-1", kDate};
  for (const auto& share : *shares) sheets.push_back(keyrite::paper::ShareSheet(share, 7, common));
  return sheets;
}

}  // namespace

int main() {
  const std::vector<SheetContent> sheets = MakeSheets();
  if (sheets.size() != 7) {
    std::fprintf(stderr, "paper_bench: could not split the secret\n");
    return 1;
  }
  const auto start = std::chrono::steady_clock::now();
  auto pdf =
      keyrite::paper::RenderShareSheetsPdf(sheets, keyrite::paper::DefaultShareSheetTemplate());
  const auto end = std::chrono::steady_clock::now();
  if (!pdf.ok()) {
    std::fprintf(stderr, "paper_bench: %s\n", pdf.status().message().c_str());
    return 1;
  }
  const double ms = std::chrono::duration<double, std::milli>(end - start).count();
  std::printf(
      "paper: 7 sheets laid out, read back and rendered to PDF (%zu bytes) in %.0f ms "
      "(goal: under 1000 ms)%s\n",
      pdf->size(), ms, ms < 1000 ? "" : " -- SLOWER THAN THE GOAL");
  return 0;
}
