// The two renderings of a DoctorReport: a fixed-layout table for people and JSON for --json.
// Both layouts are documented in docs/doctor.md; change them there first.

#include <nlohmann/json.hpp>

#include "sys/doctor.h"

namespace keyrite::sys {
namespace {

constexpr std::size_t kKeyWidth = 12;
constexpr std::size_t kVerdictWidth = 6;

std::string Pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text + ' ';
}

// Upper case for what needs attention, so it stands out in a column of "ok".
std::string VerdictCell(Verdict v) {
  std::string name(VerdictName(v));
  if (v != Verdict::kOk) {
    for (char& c : name) c = static_cast<char>(c - 'a' + 'A');
  }
  return name;
}

std::string CheckRows(const DoctorReport& r) {
  std::string out = Pad("check", kKeyWidth) + Pad("result", kVerdictWidth) + "finding\n";
  for (const Check& c : r.checks) {
    out += Pad(c.key, kKeyWidth) + Pad(VerdictCell(c.verdict), kVerdictWidth) + c.finding + "\n";
    if (!c.advice.empty()) out += Pad("", kKeyWidth + kVerdictWidth + 1) + "-> " + c.advice + "\n";
  }
  return out + Pad("overall", kKeyWidth) + VerdictCell(r.overall) + "\n";
}

nlohmann::json LimitJson(std::uint64_t bytes) {
  return bytes == kUnlimited ? nlohmann::json(nullptr) : nlohmann::json(bytes);
}

nlohmann::json ChecksJson(const std::vector<Check>& checks) {
  nlohmann::json out = nlohmann::json::array();
  for (const Check& c : checks) {
    out.push_back({{"check", c.key},
                   {"verdict", VerdictName(c.verdict)},
                   {"finding", c.finding},
                   {"advice", c.advice}});
  }
  return out;
}

nlohmann::json DevicesJson(const DoctorReport& r) {
  nlohmann::json out = {{"interfaces", nlohmann::json::array()},
                        {"swaps", nlohmann::json::array()}};
  for (const Interface& i : r.interfaces) {
    out["interfaces"].push_back({{"name", i.name}, {"up", i.up}, {"loopback", i.loopback}});
  }
  for (const SwapDevice& s : r.swaps) {
    out["swaps"].push_back(
        {{"path", s.path}, {"type", s.type}, {"on_disk", s.on_disk}, {"encrypted", s.encrypted}});
  }
  return out;
}

std::string DigestRows(const FileDigest& d) {
  return "  " + Pad("file", kKeyWidth) + d.path + "\n" + "  " + Pad("sha256", kKeyWidth) +
         d.sha256 + "\n" + "  " + Pad("words", kKeyWidth) + d.words + "\n";
}

nlohmann::json DigestJson(const FileDigest& d) {
  return {{"path", d.path}, {"sha256", d.sha256}, {"words", d.words}};
}

}  // namespace

std::string_view VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kOk:
      return "ok";
    case Verdict::kWarn:
      return "warn";
    case Verdict::kFail:
      return "fail";
  }
  KR_CHECK(false);
}

std::string FormatDoctorReport(const DoctorReport& r) {
  std::string out = "keyrite doctor\n\n" + CheckRows(r) + "\nversions\n";
  for (const LibraryVersion& v : r.versions)
    out += "  " + Pad(v.name, kKeyWidth) + v.version + "\n";
  out += "\nself digest\n" + DigestRows(r.self);
  if (r.launcher) out += "\nlauncher digest\n" + DigestRows(*r.launcher);
  return out;
}

nlohmann::json DoctorReportJson(const DoctorReport& r) {
  nlohmann::json j = DevicesJson(r);
  j["overall"] = VerdictName(r.overall);
  j["checks"] = ChecksJson(r.checks);
  j["core_dumps"] = {{"soft", LimitJson(r.process.core.soft)},
                     {"hard", LimitJson(r.process.core.hard)},
                     {"non_dumpable", r.process.non_dumpable}};
  j["memlock"] = {{"soft", LimitJson(r.process.memlock.soft)},
                  {"hard", LimitJson(r.process.memlock.hard)},
                  {"root", r.process.root},
                  {"enough", r.memlock_enough}};
  j["rng_ready"] = r.process.rng_ready;
  j["versions"] = nlohmann::json::object();
  for (const LibraryVersion& v : r.versions) j["versions"][v.name] = v.version;
  j["self"] = DigestJson(r.self);
  j["launcher"] = r.launcher ? DigestJson(*r.launcher) : nlohmann::json(nullptr);
  return j;
}

}  // namespace keyrite::sys
