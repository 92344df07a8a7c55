// The subcommands of keyrite, one row each, in the order --help lists them.

#include "../command.h"

namespace keyrite::cli {

void AddDoctorCommand(CLI::App&, const Globals&, Outcome&);
void AddKeygenCommand(CLI::App&, const Globals&, Outcome&);
void AddSplitCommand(CLI::App&, const Globals&, Outcome&);
void AddCombineCommand(CLI::App&, const Globals&, Outcome&);
void AddPaperCommand(CLI::App&, const Globals&, Outcome&);
void AddShardsCommand(CLI::App&, const Globals&, Outcome&);
void AddUnsealerCommand(CLI::App&, const Globals&, Outcome&);
void AddKeystoreCommand(CLI::App&, const Globals&, Outcome&);
void AddSnapshotCommand(CLI::App&, const Globals&, Outcome&);
void AddAuditCommand(CLI::App&, const Globals&, Outcome&);
void AddCompletionCommand(CLI::App&, const Globals&, Outcome&);
void AddCeremonyCommand(CLI::App&, const Globals&, Outcome&);
void AddDemoCommand(CLI::App&, const Globals&, Outcome&);

const Command kCommands[] = {
    {"doctor", AddDoctorCommand},
    {"keygen", AddKeygenCommand},
    {"split", AddSplitCommand},
    {"combine", AddCombineCommand},
    {"paper", AddPaperCommand},
    {"shards", AddShardsCommand},
    {"unsealer", AddUnsealerCommand},
    {"keystore", AddKeystoreCommand},
    {"snapshot", AddSnapshotCommand},
    {"audit", AddAuditCommand},
    {"completion", AddCompletionCommand},
    {"ceremony", AddCeremonyCommand},
    {"demo", AddDemoCommand},
};
const std::size_t kCommandCount = std::size(kCommands);

}  // namespace keyrite::cli
