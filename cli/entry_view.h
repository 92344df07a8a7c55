#pragma once
// How keystore entries are shown: a text table, JSON objects, and an HTML page of assignments.
// Entries hold only public parts here (the sealed value is never printed).

#include <cstdio>
#include <nlohmann/json.hpp>
#include <vector>

#include "unsealer/keystore.h"

namespace keyrite::cli {

nlohmann::json EntryJson(const unsealer::KeyEntry& e);
nlohmann::json EntriesJson(const std::vector<unsealer::KeyEntry>& entries);
// The text EntriesJson(entries).dump() would give, written an entry at a time (no DOM of all).
void PrintEntriesJson(std::FILE* out, const std::vector<unsealer::KeyEntry>& entries);
void PrintEntryTable(std::FILE* out, const std::vector<unsealer::KeyEntry>& entries);
void PrintAssignmentsHtml(std::FILE* out, const std::vector<unsealer::KeyEntry>& held);

}  // namespace keyrite::cli
