#include "transcript/record.h"

#include "base/clock.h"
#include "base/hex.h"
#include "io/json_fields.h"
#include "transcript/transcript_format.h"

namespace keyrite::transcript {
namespace {

using io::Json;
using io::JsonFields;

// Strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF), so that the JSON writer
// never has to replace or refuse a byte.
bool IsUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > text.size()) return false;
    std::uint32_t cp = n == 1 ? c : c & (0x7Fu >> n);
    for (std::size_t k = 1; k < n; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    const std::uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n;
  }
  return true;
}

Status CheckText(std::string_view text, std::string_view what) {
  if (IsUtf8(text)) return OkStatus();
  return InvalidArgument(std::string(what) + " is not UTF-8 text");
}

Status CheckDigests(const Digests& digests, std::string_view what) {
  for (const auto& [name, digest] : digests) {
    KR_RETURN_IF_ERROR(CheckText(name, what));
    KR_RETURN_IF_ERROR(CheckArtifactName(name));
  }
  return OkStatus();
}

Status CheckTexts(const Step& step) {
  KR_RETURN_IF_ERROR(CheckText(step.step, "the step id"));
  KR_RETURN_IF_ERROR(CheckText(step.action, "the action"));
  KR_RETURN_IF_ERROR(CheckText(step.exception_text, "the exception text"));
  for (const std::string& role : step.roles) KR_RETURN_IF_ERROR(CheckText(role, "a role"));
  for (const auto& [name, value] : step.params) {
    KR_RETURN_IF_ERROR(CheckText(name, "a parameter name"));
    KR_RETURN_IF_ERROR(CheckText(value, "parameter " + name));
  }
  return OkStatus();
}

Json DigestObject(const Digests& digests) {
  Json j = Json::object();
  for (const auto& [name, digest] : digests) j[name] = ToHex(digest);
  return j;
}

std::string Dump(const Json& j) {
  // ensure_ascii: every line is plain ASCII, whatever the names and parameters hold.
  return j.dump(-1, ' ', true, Json::error_handler_t::replace);
}

Result<Digests> ReadDigests(const JsonFields& f, std::string_view field) {
  KR_ASSIGN_OR_RETURN(const JsonFields obj, f.Object(field));
  KR_ASSIGN_OR_RETURN(const Json* j, f.Typed(field, false));
  Digests out;
  for (const auto& item : j->items()) {
    if (!CheckArtifactName(item.key()).ok()) return f.Bad(field, "names an unusable path");
    KR_ASSIGN_OR_RETURN(const Sha256Digest d, obj.Sha256(item.key()));
    out.emplace_back(item.key(), d);
  }
  return out;
}

Result<std::vector<std::string>> ReadRoles(const JsonFields& f) {
  KR_ASSIGN_OR_RETURN(const Json* j, f.Typed(kFieldRoles, true));
  std::vector<std::string> roles;
  for (const Json& role : *j) {
    if (!role.is_string()) return f.Bad(kFieldRoles, "must be a list of strings");
    roles.push_back(role.get<std::string>());
  }
  return roles;
}

Result<Params> ReadParams(const JsonFields& f) {
  KR_ASSIGN_OR_RETURN(const Json* j, f.Typed(kFieldParams, false));
  Params params;
  for (const auto& item : j->items()) {
    if (!item.value().is_string()) return f.Bad(kFieldParams, "must map names to strings");
    params.emplace_back(item.key(), item.value().get<std::string>());
  }
  return params;
}

Result<Header> ReadHeader(const JsonFields& f) {
  KR_RETURN_IF_ERROR(f.OnlyThese({kFieldSeq, kFieldType, kFieldFormat, kFieldVersion, kFieldId,
                                  kFieldCeremony, kFieldCreated, kFieldRehearsal, kFieldPrev,
                                  kFieldHash}));
  KR_ASSIGN_OR_RETURN(const std::string format, f.String(kFieldFormat));
  if (format != kFormat) return f.Bad(kFieldFormat, "is not \"keyrite-transcript\"");
  // The one place where an unknown version is turned away.
  KR_ASSIGN_OR_RETURN(const std::int64_t version, f.Integer(kFieldVersion, 0, INT32_MAX));
  if (version != kVersion) {
    return Unsupported("transcript version " + std::to_string(version) +
                       " is not supported (this keyrite reads version 1)");
  }
  Header h;
  KR_ASSIGN_OR_RETURN(h.id, f.Hex(kFieldId, kIdChars, false));
  KR_ASSIGN_OR_RETURN(h.ceremony, f.String(kFieldCeremony));
  KR_ASSIGN_OR_RETURN(h.created, f.UtcTime(kFieldCreated));
  KR_ASSIGN_OR_RETURN(h.rehearsal, f.Bool(kFieldRehearsal));
  return h;
}

Result<StepRecord> ReadStep(const JsonFields& f) {
  KR_RETURN_IF_ERROR(f.OnlyThese({kFieldSeq, kFieldType, kFieldTime, kFieldRehearsal, kFieldStep,
                                  kFieldRoles, kFieldAction, kFieldParams, kFieldInputs,
                                  kFieldOutputs, kFieldException, kFieldExceptionText,
                                  kFieldPrev, kFieldHash}));
  StepRecord r;
  KR_ASSIGN_OR_RETURN(r.time, f.UtcTime(kFieldTime));
  KR_ASSIGN_OR_RETURN(r.rehearsal, f.Bool(kFieldRehearsal));
  KR_ASSIGN_OR_RETURN(r.step.step, f.String(kFieldStep));
  KR_ASSIGN_OR_RETURN(r.step.roles, ReadRoles(f));
  KR_ASSIGN_OR_RETURN(r.step.action, f.String(kFieldAction));
  KR_ASSIGN_OR_RETURN(r.step.params, ReadParams(f));
  KR_ASSIGN_OR_RETURN(r.step.inputs, ReadDigests(f, kFieldInputs));
  KR_ASSIGN_OR_RETURN(r.step.outputs, ReadDigests(f, kFieldOutputs));
  KR_ASSIGN_OR_RETURN(r.step.exception, f.Bool(kFieldException));
  KR_ASSIGN_OR_RETURN(r.step.exception_text, f.String(kFieldExceptionText));
  return r;
}

Result<CheckpointRecord> ReadCheckpoint(const JsonFields& f) {
  KR_RETURN_IF_ERROR(f.OnlyThese({kFieldSeq, kFieldType, kFieldRecords, kFieldDigest,
                                  kFieldWords, kFieldSigner, kFieldSignature, kFieldPrev,
                                  kFieldHash}));
  CheckpointRecord c;
  KR_ASSIGN_OR_RETURN(const std::int64_t records, f.Integer(kFieldRecords, 1, INT64_MAX));
  c.records = static_cast<std::uint64_t>(records);
  KR_ASSIGN_OR_RETURN(c.digest, f.Sha256(kFieldDigest));
  KR_ASSIGN_OR_RETURN(c.words, f.String(kFieldWords));
  KR_ASSIGN_OR_RETURN(c.signer, f.Hex(kFieldSigner, kPublicKeyChars, false));
  KR_ASSIGN_OR_RETURN(c.signature, f.Hex(kFieldSignature, kSignatureChars, false));
  return c;
}

Status ReadBody(const JsonFields& f, ParsedLine& p) {
  if (p.type == kTypeHeader) {
    KR_ASSIGN_OR_RETURN(p.header, ReadHeader(f));
  } else if (p.type == kTypeStep) {
    KR_ASSIGN_OR_RETURN(p.step, ReadStep(f));
    p.step.seq = p.seq;
  } else if (p.type == kTypeCheckpoint) {
    KR_ASSIGN_OR_RETURN(p.checkpoint, ReadCheckpoint(f));
    p.checkpoint.seq = p.seq;
  } else {
    return f.Bad(kFieldType, "is not header, step or checkpoint");
  }
  return OkStatus();
}

}  // namespace

Status CheckArtifactName(std::string_view name) {
  const std::string quoted = "artifact name \"" + std::string(name) + "\"";
  if (name.empty() || name.front() == '/') {
    return InvalidArgument(quoted + " must be a relative path");
  }
  std::size_t start = 0;
  while (start <= name.size()) {
    const std::size_t end = std::min(name.find('/', start), name.size());
    const std::string_view part = name.substr(start, end - start);
    if (part.empty() || part == "." || part == ".." || part.find('\0') != std::string_view::npos) {
      return InvalidArgument(quoted + " has an empty, \".\" or \"..\" part");
    }
    start = end + 1;
  }
  return OkStatus();
}

Status CheckStep(const Step& step) {
  if (step.action.empty()) return InvalidArgument("a transcript record needs an action");
  KR_RETURN_IF_ERROR(CheckTexts(step));
  KR_RETURN_IF_ERROR(CheckDigests(step.inputs, "an input name"));
  KR_RETURN_IF_ERROR(CheckDigests(step.outputs, "an output name"));
  if (step.exception == step.exception_text.empty()) {
    return InvalidArgument(step.exception ? "an exception needs its reason (exception text)"
                                          : "exception text is only for an exception");
  }
  return OkStatus();
}

std::string HeaderBody(const Header& header, std::string_view prev) {
  Json j = Json::object();
  j[kFieldSeq] = 1;
  j[kFieldType] = kTypeHeader;
  j[kFieldFormat] = kFormat;
  j[kFieldVersion] = kVersion;
  j[kFieldId] = header.id;
  j[kFieldCeremony] = header.ceremony;
  j[kFieldCreated] = FormatUtc(header.created);
  j[kFieldRehearsal] = header.rehearsal;
  j[kFieldPrev] = prev;
  return Dump(j);
}

std::string StepBody(std::uint64_t seq, std::int64_t time, bool rehearsal, const Step& step,
                     std::string_view prev) {
  Json j = Json::object();
  j[kFieldSeq] = seq;
  j[kFieldType] = kTypeStep;
  j[kFieldTime] = FormatUtc(time);
  j[kFieldRehearsal] = rehearsal;
  j[kFieldStep] = step.step;
  j[kFieldRoles] = step.roles;
  j[kFieldAction] = step.action;
  j[kFieldParams] = Json::object();
  for (const auto& [name, value] : step.params) j[kFieldParams][name] = value;
  j[kFieldInputs] = DigestObject(step.inputs);
  j[kFieldOutputs] = DigestObject(step.outputs);
  j[kFieldException] = step.exception;
  j[kFieldExceptionText] = step.exception_text;
  j[kFieldPrev] = prev;
  return Dump(j);
}

std::string CheckpointBody(const CheckpointRecord& c, std::string_view prev) {
  Json j = Json::object();
  j[kFieldSeq] = c.seq;
  j[kFieldType] = kTypeCheckpoint;
  j[kFieldRecords] = c.records;
  j[kFieldDigest] = ToHex(c.digest);
  j[kFieldWords] = c.words;
  j[kFieldSigner] = c.signer;
  j[kFieldSignature] = c.signature;
  j[kFieldPrev] = prev;
  return Dump(j);
}

Result<ParsedLine> ParseLine(std::string_view line, const std::string& where) {
  KR_ASSIGN_OR_RETURN(const Json j, io::ParseJsonObject(line, where));
  const JsonFields f(j, "", where);
  ParsedLine p;
  KR_ASSIGN_OR_RETURN(const std::int64_t seq, f.Integer(kFieldSeq, 1, INT64_MAX));
  p.seq = static_cast<std::uint64_t>(seq);
  KR_ASSIGN_OR_RETURN(p.type, f.String(kFieldType));
  KR_ASSIGN_OR_RETURN(p.prev, f.Hex(kFieldPrev, kSha256Chars, false));
  const Status body = ReadBody(f, p);
  if (body.kind() == ErrorKind::kUnsupported) return body.WithContext(where);
  KR_RETURN_IF_ERROR(body);
  return p;
}

}  // namespace keyrite::transcript
