#include "ops/keygen.h"

#include <charconv>

#include "io/files.h"

namespace keyrite::ops {
namespace {

Status CheckDestination(const KeygenRequest& r) {
  if (r.show && r.kind != keys::KeyKind::kPassword) {
    return InvalidArgument("--show is only for passwords; other secrets go to --split or --out");
  }
  if (r.out.empty() && !(r.show && r.split.empty())) {
    return InvalidArgument("say where the private part goes: --split TofN --out DIR, or --out FILE");
  }
  if (!r.out.empty() && r.split.empty() && io::PathExists(r.out)) {
    return AlreadyExists(r.out + ": already exists; nothing was overwritten");
  }
  return OkStatus();
}

bool ParseByte(std::string_view text, std::uint8_t& out) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value > 255) return false;
  out = static_cast<std::uint8_t>(value);
  return true;
}

}  // namespace

Result<std::pair<std::uint8_t, std::uint8_t>> ParseSplitSpec(std::string_view spec) {
  const std::size_t of = spec.find("of");
  std::uint8_t t = 0, n = 0;
  if (of == std::string_view::npos || !ParseByte(spec.substr(0, of), t) ||
      !ParseByte(spec.substr(of + 2), n)) {
    return InvalidArgument("--split takes TofN, e.g. 3of5, got '" + std::string(spec) + "'");
  }
  return std::pair{t, n};
}

Result<KeygenReport> Keygen(const KeygenRequest& request, Rng& rng) {
  KR_RETURN_IF_ERROR(CheckDestination(request));
  std::optional<std::pair<std::uint8_t, std::uint8_t>> tn;
  if (!request.split.empty()) {
    KR_ASSIGN_OR_RETURN(tn, ParseSplitSpec(request.split));
  }
  KR_ASSIGN_OR_RETURN(keys::KeyMaterial key, keys::GenerateKey(request.kind, request.options, rng));
  KeygenReport report;
  if (tn) {
    KR_ASSIGN_OR_RETURN(report.split, SplitToOutput(key.secret.span(), tn->first, tn->second,
                                                    request.out, rng));
  } else if (!request.out.empty()) {
    KR_RETURN_IF_ERROR(io::WriteNewFile(request.out, key.secret.span(), io::FileMode::kSecret));
    report.out_file = request.out;
  }
  if (!request.show) key.secret = secmem::SecureBytes();
  report.key = std::move(key);
  return report;
}

}  // namespace keyrite::ops
