#include "entry_view.h"

#include <string>

#include "base/clock.h"

namespace keyrite::cli {
namespace {

// The public key or address a person looks for first.
std::string Shown(const unsealer::KeyEntry& e) {
  if (!e.address.empty()) return e.address;
  if (!e.tezos_address.empty()) return e.tezos_address;
  if (!e.public_key.empty()) return e.public_key;
  return "(secret only)";
}

std::string Html(const std::string& text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

nlohmann::json EntryJson(const unsealer::KeyEntry& e) {
  nlohmann::json j = {{"name", e.name}, {"kind", keys::KeyKindName(e.kind)},
                      {"created", FormatUtc(e.created)}};
  if (!e.public_key.empty()) j["public_key"] = e.public_key;
  if (!e.address.empty()) j["address"] = e.address;
  if (!e.tezos_address.empty()) j["tezos_address"] = e.tezos_address;
  if (e.pool) j["pool"] = true;
  if (!e.holder.empty()) j["holder"] = e.holder;
  if (!e.seed.empty()) j["derived_from"] = {{"seed", e.seed}, {"path", e.path}};
  return j;
}

nlohmann::json EntriesJson(const std::vector<unsealer::KeyEntry>& entries) {
  nlohmann::json list = nlohmann::json::array();
  for (const unsealer::KeyEntry& e : entries) list.push_back(EntryJson(e));
  return list;
}

void PrintEntriesJson(std::FILE* out, const std::vector<unsealer::KeyEntry>& entries) {
  std::fputc('[', out);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (i != 0) std::fputc(',', out);
    const std::string text = EntryJson(entries[i]).dump();
    std::fwrite(text.data(), 1, text.size(), out);
  }
  std::fputc(']', out);
}

void PrintEntryTable(std::FILE* out, const std::vector<unsealer::KeyEntry>& entries) {
  if (entries.empty()) {
    std::fprintf(out, "  (no keys)\n");
    return;
  }
  for (const unsealer::KeyEntry& e : entries) {
    std::string holder = e.holder.empty() ? (e.pool ? "  (free)" : "") : "  held by " + e.holder;
    if (!e.seed.empty()) holder += "  from " + e.seed + " " + e.path;
    std::fprintf(out, "  %-28s %-9s %s%s\n", e.name.c_str(),
                 std::string(keys::KeyKindName(e.kind)).c_str(), Shown(e).c_str(), holder.c_str());
  }
}

void PrintAssignmentsHtml(std::FILE* out, const std::vector<unsealer::KeyEntry>& held) {
  std::fprintf(out,
               "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>keyrite assignments"
               "</title></head><body>\n<table>\n<tr><th>holder</th><th>name</th><th>kind</th>"
               "<th>address</th><th>public key</th></tr>\n");
  for (const unsealer::KeyEntry& e : held) {
    std::fprintf(out, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                 Html(e.holder).c_str(), Html(e.name).c_str(),
                 std::string(keys::KeyKindName(e.kind)).c_str(),
                 Html(e.address.empty() ? e.tezos_address : e.address).c_str(),
                 Html(e.public_key).c_str());
  }
  std::fprintf(out, "</table>\n</body></html>\n");
}

}  // namespace keyrite::cli
