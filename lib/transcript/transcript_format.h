#pragma once
// Transcript v1: the constants of keyrite's ceremony transcript (JSON Lines), shared by the
// writer and the verifier, and the sealing of one line. The format is specified in
// docs/formats/transcript-v1.md. Nothing in a transcript is secret.
//
// Every line is one JSON object that ends with its own hash: `{...,"hash":"<64 hex>"}` where the
// hash is the SHA-256 of the line's bytes before `,"hash":"`. Each line also carries the previous
// line's hash ("prev"), so an edit is caught at the line it touches and a deletion, reordering or
// duplication at the first line out of place.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace keyrite::transcript {

inline constexpr std::string_view kFormat = "keyrite-transcript";
inline constexpr int kVersion = 1;

// Bounds on what is read: a long ceremony has a few hundred records of well under 4 KiB each.
inline constexpr std::size_t kMaxTranscriptBytes = 16 * 1024 * 1024;
inline constexpr std::size_t kMaxSignatureFileBytes = 64 * 1024;

// "prev" of the first line (the header).
inline constexpr std::string_view kGenesis =
    "0000000000000000000000000000000000000000000000000000000000000000";

// --- Record types ("type"). ---
inline constexpr std::string_view kTypeHeader = "header";
inline constexpr std::string_view kTypeStep = "step";
inline constexpr std::string_view kTypeCheckpoint = "checkpoint";

// --- Fields, in the order they are written. Every line starts with seq and type. ---
inline constexpr std::string_view kFieldSeq = "seq";
inline constexpr std::string_view kFieldType = "type";
// header
inline constexpr std::string_view kFieldFormat = "format";
inline constexpr std::string_view kFieldVersion = "version";
inline constexpr std::string_view kFieldId = "id";
inline constexpr std::string_view kFieldCeremony = "ceremony";
inline constexpr std::string_view kFieldCreated = "created";
inline constexpr std::string_view kFieldRehearsal = "rehearsal";  // also on every step
// step
inline constexpr std::string_view kFieldTime = "time";
inline constexpr std::string_view kFieldStep = "step";
inline constexpr std::string_view kFieldRoles = "roles";
inline constexpr std::string_view kFieldAction = "action";
inline constexpr std::string_view kFieldParams = "params";
inline constexpr std::string_view kFieldInputs = "inputs";
inline constexpr std::string_view kFieldOutputs = "outputs";
inline constexpr std::string_view kFieldException = "exception";
inline constexpr std::string_view kFieldExceptionText = "exception_text";
// checkpoint
inline constexpr std::string_view kFieldRecords = "records";
inline constexpr std::string_view kFieldDigest = "digest";
inline constexpr std::string_view kFieldWords = "words";
inline constexpr std::string_view kFieldSigner = "signer";
inline constexpr std::string_view kFieldSignature = "signature";
// every line, last
inline constexpr std::string_view kFieldPrev = "prev";
inline constexpr std::string_view kFieldHash = "hash";

inline constexpr std::size_t kIdChars = 32;         // 16 random bytes, lowercase hex
inline constexpr std::size_t kSha256Chars = 64;     // lowercase hex
inline constexpr std::size_t kPublicKeyChars = 64;  // Ed25519, lowercase hex
inline constexpr std::size_t kSignatureChars = 128;

// The detached OpenPGP signature of an auditor sits beside the transcript: "<path>.sig".
inline constexpr std::string_view kGpgSignatureSuffix = ".sig";

// `body` is a serialized JSON object without its hash ("{...}"); returns the complete line with
// its hash field and a final newline.
std::string SealLine(std::string_view body);

// A line (without its newline) split into the bytes its hash covers and the hash it carries.
struct SealedLine {
  std::string_view covered;  // everything before `,"hash":"`
  std::string_view hash;     // the 64 hex digits it claims
};
// nullopt when the line does not end in `,"hash":"<64 lowercase hex>"}`.
std::optional<SealedLine> SplitSealedLine(std::string_view line);

// SHA-256 of `bytes` as 64 lowercase hex digits.
std::string HashHex(std::string_view bytes);

}  // namespace keyrite::transcript
