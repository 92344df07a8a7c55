#pragma once
// The records of a transcript v1 (transcript_format.h) as values, and their JSON lines. Every
// field is public: the API takes only public values (step ids, role names, file names, counts,
// fingerprints, serial numbers, digests). Never pass a secret, a passphrase or share text in
// `params` or `exception_text` — they are written to disk in the clear and read aloud.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/digest.h"
#include "base/status.h"

namespace keyrite::transcript {

struct Header {
  std::string id;        // 32 lowercase hex digits, random
  std::string ceremony;  // the ceremony's name ("unsealer-init")
  std::int64_t created = 0;  // Unix seconds (UTC)
  bool rehearsal = false;    // a rehearsal on throwaway identities: every record says so too
};

// name -> value, in the order given; both public.
using Params = std::vector<std::pair<std::string, std::string>>;
// artifact name (a relative path: "shards/shard-1-of-5.asc") -> SHA-256 of its bytes.
using Digests = std::vector<std::pair<std::string, Sha256Digest>>;

// What a caller appends: one step of a ceremony, or one state-changing command.
struct Step {
  std::string step = {};           // the script's step id ("2.3"); may be empty outside a script
  std::vector<std::string> roles = {};  // who acted or confirmed ("administrator", "auditor")
  std::string action = {};         // "split", "unsealer init", "confirm"; never empty
  Params params = {};              // public parameters only
  Digests inputs = {};             // files read
  Digests outputs = {};            // files written
  bool exception = false;          // a failed, skipped or overridden step
  std::string exception_text = {};  // why, and who approved; required when exception is set
};

// A step as read back: what was appended plus where and when.
struct StepRecord {
  std::uint64_t seq = 0;  // 1-based line number in the file
  std::int64_t time = 0;  // Unix seconds (UTC)
  bool rehearsal = false;
  Step step;
};

// The closing record: everything before it, hashed and signed.
struct CheckpointRecord {
  std::uint64_t seq = 0;
  std::uint64_t records = 0;  // lines before it (the header and every step)
  Sha256Digest digest{};      // SHA-256 of all bytes before the checkpoint line
  std::string words;          // DigestWords(digest): to read aloud and write on paper
  std::string signer;         // Ed25519 public key, 64 lowercase hex
  std::string signature;      // Ed25519 signature of those bytes, 128 lowercase hex
};

// InvalidArgument naming the bad field when a step cannot be recorded (empty action, an
// artifact name that is absolute or climbs with "..", exception text missing or not allowed,
// text that is not UTF-8).
Status CheckStep(const Step& step);
// InvalidArgument when an artifact name is empty, absolute, or has an empty, "." or ".." part.
Status CheckArtifactName(std::string_view name);

// The JSON object of each record before sealing (SealLine adds the hash and the newline).
std::string HeaderBody(const Header& header, std::string_view prev);
std::string StepBody(std::uint64_t seq, std::int64_t time, bool rehearsal, const Step& step,
                     std::string_view prev);
std::string CheckpointBody(const CheckpointRecord& checkpoint, std::string_view prev);

// One parsed line: its type decides which of the values is filled in.
struct ParsedLine {
  std::string type;
  std::uint64_t seq = 0;
  std::string prev;
  Header header;
  StepRecord step;
  CheckpointRecord checkpoint;
};
// Parses a sealed line's JSON strictly (no unknown or missing field); `where` names it in
// messages ("record 3"). Unsupported for a header of another format version.
Result<ParsedLine> ParseLine(std::string_view line, const std::string& where);

}  // namespace keyrite::transcript
