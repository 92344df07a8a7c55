// keyrite paper print | scan: share sheets (PDF) with QR codes and typed lines, and back.

#include <cstdio>
#include <nlohmann/json.hpp>

#include "../command.h"
#include "base/clock.h"
#include "ops/paper.h"

namespace keyrite::cli {
namespace {

struct PaperFlags {
  ops::PrintRequest print;
  unsigned count = 0;
  std::vector<std::string> images;
  std::string scan_out;
};

void RunPrint(const Globals& globals, PaperFlags& flags, Outcome& outcome) {
  flags.print.count = static_cast<std::uint8_t>(flags.count);
  Result<ops::PrintReport> r = ops::PrintSheets(flags.print, SystemClock());
  if (!r.ok()) {
    outcome.code = Fail(globals, "paper print", r.status());
    return;
  }
  if (globals.json) {
    std::printf("%s\n", nlohmann::json({{"ok", true}, {"command", "paper print"},
                                        {"sheets", r->sheets}, {"labels", r->labels}})
                            .dump()
                            .c_str());
    return;
  }
  std::printf("Every sheet was rendered and its QR code read back before it was written.\n");
  for (const std::string& s : r->sheets) std::printf("  wrote %s (mode 0600: holds a share)\n", s.c_str());
  std::printf("  wrote %s (envelope labels, no secret)\n", r->labels.c_str());
}

void RunScan(const Globals& globals, const PaperFlags& flags, Outcome& outcome) {
  Result<ops::ScanReport> r = ops::ScanSheets(flags.images, flags.scan_out);
  if (!r.ok()) {
    outcome.code = Fail(globals, "paper scan", r.status());
    return;
  }
  nlohmann::json found = nlohmann::json::array();
  for (const auto& f : r->found) {
    found.push_back({{"from", f.origin}, {"kind", f.kind}, {"set_id", f.set_id},
                     {"index", f.index}, {"saved", f.saved}});
    if (f.group != 0) found.back()["group"] = f.group;
    const std::string what =
        f.group == 0 ? f.kind + " " + std::to_string(f.index)
                     : "SLIP-39 group " + std::to_string(f.group) + " member " + std::to_string(f.index);
    if (!globals.json) {
      std::printf("%s of set %s  from %s%s%s\n", what.c_str(), f.set_id.c_str(),
                  f.origin.c_str(), f.saved.empty() ? "" : "  -> ", f.saved.c_str());
    }
  }
  if (globals.json) {
    std::printf("%s\n", nlohmann::json({{"ok", true}, {"command", "paper scan"}, {"found", found}})
                            .dump()
                            .c_str());
  }
}

void AddPrint(CLI::App& paper, const Globals& globals, Outcome& outcome,
              std::shared_ptr<PaperFlags> flags) {
  CLI::App* cmd = paper.add_subcommand("print", "One PDF sheet per share or shard, and envelope labels");
  cmd->add_option("files", flags->print.inputs,
                  "Share files, SLIP-39 mnemonic files, or shard files with --manifest")
      ->required();
  cmd->add_option("--out", flags->print.out_dir, "Directory for sheet-I-of-N.pdf and labels.pdf")->required();
  cmd->add_option("--manifest", flags->print.manifest, "Shard-set manifest (for shard files)");
  cmd->add_option("--template", flags->print.template_path, "A sheet template (TOML; see docs/templates.md)");
  cmd->add_option("--title", flags->print.title, "Heading of the sheet");
  cmd->add_option("--label", flags->print.secret_label, "What the secret is, e.g. 'HSM admin password'");
  cmd->add_option("--ceremony", flags->print.ceremony_id, "Ceremony id printed on every sheet");
  cmd->add_option("--of", flags->count,
                  "Shares in the set (SLIP-39: members in the group), if the files do not say")
      ->check(CLI::Range(1, 255));
  cmd->footer("Example:\n  keyrite paper print shares/*.txt --label 'root key' --ceremony C-7 --out sheets/\n"
              "  keyrite paper print slip39/slip39-share-*-of-5.txt --out slip39-sheets/\n"
              "See keyrite-paper(1).");
  cmd->callback([&globals, &outcome, flags] { RunPrint(globals, *flags, outcome); });
}

void AddScan(CLI::App& paper, const Globals& globals, Outcome& outcome,
             std::shared_ptr<PaperFlags> flags) {
  CLI::App* cmd = paper.add_subcommand("scan", "Read the QR codes of sheets from images or PDFs");
  cmd->add_option("images", flags->images, "PNG or JPEG images, or PDFs, of share sheets")->required();
  cmd->add_option("--out", flags->scan_out, "Save each share (0600) or shard (.asc) found here");
  cmd->footer("Example:\n  keyrite paper scan photo1.jpg photo2.jpg --out scanned/\n"
              "  keyrite combine --scan photo1.jpg photo2.jpg photo3.jpg --out secret.bin\n"
              "  keyrite combine --format slip39 --scan sheet-1-of-5.pdf sheet-3-of-5.pdf \\\n"
              "      sheet-4-of-5.pdf --out seed.bin\n"
              "See keyrite-paper(1).");
  cmd->callback([&globals, &outcome, flags] { RunScan(globals, *flags, outcome); });
}

}  // namespace

void AddPaperCommand(CLI::App& app, const Globals& globals, Outcome& outcome) {
  CLI::App* paper = app.add_subcommand("paper", "Print share sheets and scan them back");
  paper->require_subcommand(1);
  paper->footer("Example:\n  keyrite paper print shares/share-1-of-5.txt --out sheets/\n"
                "  keyrite paper scan sheet.png\nSee keyrite-paper(1).");
  auto flags = std::make_shared<PaperFlags>();
  AddPrint(*paper, globals, outcome, flags);
  AddScan(*paper, globals, outcome, flags);
}

}  // namespace keyrite::cli
