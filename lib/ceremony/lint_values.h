#pragma once
// The value checks under lint.cpp: what a "{name}" reference stands for at a step (a parameter,
// or a field recorded by an earlier step), whether a value fits an argument's type, and the
// threshold against the custodians. Internal to the ceremony module; values are public.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ceremony/actions.h"
#include "ceremony/script.h"

namespace keyrite::ceremony {

// What is visible at a step: the script's parameters and the fields recorded before it.
struct Scope {
  const Script& script;
  const std::vector<const RecordField*>& fields;
};

bool IsFingerprint(std::string_view text);

// An int literal, or a reference to an int parameter that has a default; else nullopt.
std::optional<std::int64_t> ResolveInt(const Scope& scope, const Value& value);

// Bad or undefined references in shown text.
std::vector<std::string> TextProblems(const Scope& scope, std::string_view text);
// Why a literal does not fit `type` ("must be an integer"); empty when it fits.
std::string LiteralProblem(ValueType type, const Value& value);
// Why an argument's value does not fit its spec (type, choices, references).
std::vector<std::string> ArgProblems(const Scope& scope, const ArgSpec& spec, const Value& value);
// A threshold below 1 or above the shares or custodians a step makes.
std::vector<std::string> ThresholdProblems(const Scope& scope, const Step& step);

}  // namespace keyrite::ceremony
