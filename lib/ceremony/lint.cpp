#include "ceremony/lint.h"

#include <algorithm>
#include <set>

#include "base/shown_text.h"
#include "ceremony/actions.h"
#include "ceremony/lint_values.h"
#include "ceremony/references.h"

namespace keyrite::ceremony {
namespace {

// Collects findings while walking the script; `fields` are the names recorded so far.
struct Linter {
  const Script& script;
  std::vector<Finding> findings;
  std::vector<const RecordField*> fields;

  void Add(int line, const std::string& step, std::string message) {
    findings.push_back({script.file, line, step, std::move(message)});
  }
  Scope MakeScope() const { return Scope{script, fields}; }
};

void CheckRoleRefs(Linter& l, int line, const std::string& step, const std::string& what,
                   const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    if (FindRole(l.script, id) == nullptr) {
      l.Add(line, step, what + " names " + ShownText(id) + ", which is not a role of this script");
    }
  }
}

void CheckText(Linter& l, int line, const std::string& step, const std::string& what,
               const std::string& text) {
  for (std::string& problem : TextProblems(l.MakeScope(), text)) {
    l.Add(line, step, what + ": " + problem);
  }
}

void CheckPreflight(Linter& l) {
  const Preflight& p = l.script.preflight;
  if (!p.present) {
    l.Add(1, "", "no [preflight]: add doctor = true and digest_confirmed_by = [\"auditor\"]");
    return;
  }
  if (!p.doctor) l.Add(p.line, "", "preflight.doctor must be true: the machine is checked first");
  if (p.digest_confirmed_by.empty()) {
    l.Add(p.line, "", "preflight.digest_confirmed_by is empty: name who confirms the digest");
  }
  CheckRoleRefs(l, p.line, "", "preflight.digest_confirmed_by", p.digest_confirmed_by);
}

void CheckCustodians(Linter& l, const Role& r) {
  const std::optional<std::int64_t> count = ResolveInt(l.MakeScope(), r.count);
  if (r.count.kind == Value::Kind::kString && r.count.text.empty()) {
    if (r.members.empty()) l.Add(r.line, "", "roles." + r.id + ": give count or members");
  } else if (!count || *count < 1 || *count > 255) {
    l.Add(r.line, "", "roles." + r.id + ".count must be 1..255 or an int parameter with a default");
  } else if (!r.members.empty() && static_cast<std::int64_t>(r.members.size()) != *count) {
    l.Add(r.line, "", "roles." + r.id + " lists " + std::to_string(r.members.size()) +
                          " members but count is " + std::to_string(*count));
  }
  if (r.members.empty() && !r.bring_certificate) {
    l.Add(r.line, "", "roles." + r.id + ": list members or set bring_certificate = true");
  }
  for (const Member& m : r.members) {
    if (!IsFingerprint(m.fingerprint)) {
      l.Add(r.line, "", "roles." + r.id + ": " + ShownText(m.name) +
                            "'s fingerprint must be 40 or 64 hex digits without spaces");
    }
  }
}

void CheckRoles(Linter& l) {
  bool administrator = false, auditor = false;
  for (const Role& r : l.script.roles) {
    administrator |= r.kind == RoleKind::kAdministrator;
    auditor |= r.kind == RoleKind::kAuditor || r.kind == RoleKind::kWitness;
    if (r.kind == RoleKind::kCustodian) {
      CheckCustodians(l, r);
    } else if (!r.members.empty() || r.bring_certificate || !r.count.text.empty() ||
               r.count.kind != Value::Kind::kString) {
      l.Add(r.line, "", "roles." + r.id + ": count, members and bring_certificate are for "
                        "custodians only");
    }
  }
  if (!administrator) l.Add(1, "", "no role of kind administrator: someone must run the laptop");
  if (!auditor) l.Add(1, "", "no role of kind auditor or witness: every ceremony is witnessed");
}

void CheckParameters(Linter& l) {
  for (const Parameter& p : l.script.parameters) {
    if (!p.default_value) continue;
    const std::string problem = LiteralProblem(p.type, *p.default_value);
    if (!problem.empty()) l.Add(p.line, "", "parameters." + p.name + ".default " + problem);
  }
}

void CheckArgs(Linter& l, const Step& s, const ActionSpec& action) {
  for (const Argument& a : s.args) {
    const ArgSpec* spec = FindArg(action, a.name);
    if (spec == nullptr) {
      l.Add(a.line, s.id, std::string(action.name) + " has no argument " + ShownText(a.name));
      continue;
    }
    for (std::string& problem : ArgProblems(l.MakeScope(), *spec, a.value)) {
      l.Add(a.line, s.id, "args." + a.name + " " + problem);
    }
  }
  for (const ArgSpec& spec : action.args) {
    const bool given = std::any_of(s.args.begin(), s.args.end(),
                                   [&](const Argument& a) { return a.name == spec.name; });
    if (spec.required && !given) {
      l.Add(s.line, s.id, std::string(action.name) + " needs args." + std::string(spec.name));
    }
  }
}

// Threshold findings point at the argument that sets the threshold, where the fix goes.
void CheckThreshold(Linter& l, const Step& s) {
  int line = s.line;
  for (const Argument& a : s.args) {
    if (a.name == "threshold" || (a.name == "split" && s.action == "keygen")) line = a.line;
  }
  for (std::string& problem : ThresholdProblems(l.MakeScope(), s)) l.Add(line, s.id, problem);
}

void CheckConfirmers(Linter& l, const Step& s, const ActionSpec& action) {
  CheckRoleRefs(l, s.line, s.id, "confirm", s.confirm);
  CheckRoleRefs(l, s.line, s.id, "approve_skip", s.approve_skip);
  if (s.confirm.empty() && (action.changes_state || action.name == "confirm")) {
    l.Add(s.line, s.id, std::string(action.name) + " needs confirm: who types their initials");
  }
  if (action.name == "record" && s.record.empty()) {
    l.Add(s.line, s.id, "a record step needs [[...record]] fields to type in");
  }
  if (s.skippable && s.approve_skip.empty()) {
    l.Add(s.line, s.id, "skippable needs approve_skip: who approves skipping it");
  }
  if (!s.skippable && !s.approve_skip.empty()) {
    l.Add(s.line, s.id, "approve_skip is given but the step is not skippable");
  }
}

void CheckRecords(Linter& l, const Step& s, std::set<std::string>& names) {
  for (const RecordField& f : s.record) {
    CheckText(l, f.line, s.id, "record " + f.name + ".prompt", f.prompt);
    const std::optional<std::int64_t> count = ResolveInt(l.MakeScope(), f.count);
    if (!count || *count < 1 || *count > 255) {
      l.Add(f.line, s.id, "record " + f.name + ".count must be 1..255 or an int parameter");
    }
    if (FindParameter(l.script, f.name) != nullptr || !names.insert(f.name).second) {
      l.Add(f.line, s.id, "record " + f.name + " is already a parameter or an earlier record");
    }
  }
  for (const RecordField& f : s.record) l.fields.push_back(&f);
}

void CheckStep(Linter& l, const Step& s, std::set<std::string>& record_names) {
  CheckText(l, s.line, s.id, "instruction", s.instruction);
  const ActionSpec* action = FindAction(s.action);
  if (action == nullptr) {
    l.Add(s.line, s.id, "unknown action " + ShownText(s.action) +
                            " (the actions are listed in docs/ceremony-scripts.md)");
  } else {
    CheckArgs(l, s, *action);
    CheckConfirmers(l, s, *action);
  }
  CheckThreshold(l, s);
  CheckRecords(l, s, record_names);
}

void CheckActs(Linter& l) {
  if (l.script.acts.empty()) l.Add(1, "", "no [[acts]]: a ceremony needs at least one act");
  std::set<std::string> act_ids, step_ids, record_names;
  for (const Act& act : l.script.acts) {
    if (!act_ids.insert(act.id).second) l.Add(act.line, "", "act id " + act.id + " is used twice");
    if (act.steps.empty()) l.Add(act.line, "", "act " + act.id + " has no steps");
    for (const Step& s : act.steps) {
      if (!step_ids.insert(s.id).second) l.Add(s.line, s.id, "step id is used twice");
      CheckStep(l, s, record_names);
    }
  }
}

}  // namespace

std::vector<Finding> LintScript(const Script& script) {
  Linter l{script, {}, {}};
  CheckPreflight(l);
  CheckRoles(l);
  CheckParameters(l);
  CheckActs(l);
  return std::move(l.findings);
}

std::string FormatFinding(const Finding& f) {
  std::string out = f.file + ":" + std::to_string(f.line) + ": ";
  if (!f.step.empty()) out += "step " + f.step + ": ";
  return out + f.message;
}

}  // namespace keyrite::ceremony
