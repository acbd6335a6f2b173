#include "intents/slot_resolver.h"

#include <algorithm>
#include <string>

namespace kneebot::intents {

using nlohmann::json;

namespace {

enum Strength { kPlain = 0, kNegative = 1, kHedge = 2 };

struct Candidate {
  const SlotSpec* slot;
  std::string value;
  size_t position;
  Strength strength;
};

size_t Rank(const std::vector<std::string>& priority, const std::string& value) {
  auto it = std::find(priority.begin(), priority.end(), value);
  return static_cast<size_t>(it - priority.begin());  // unlisted values rank last
}

}  // namespace

json ResolveSlots(const Lexicon& lexicon, std::vector<Finding> findings,
                  const std::vector<Scope>& marks) {
  // 1. Drop phrases inside a longer phrase (of any slot).
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  for (const Finding& f : findings) {
    const size_t len = f.last - f.first;
    bool inside = false;
    for (const Finding& g : findings) {
      if (g.rules != f.rules && (g.rules->independent || f.rules->independent)) continue;
      // "running and jumping make it worse": a list item named inside a longer phrase
      // of another item still counts ("worse running downhill" is downhill only).
      if (g.rules == f.rules && f.rules->spec->type == SlotType::kList && *g.value != *f.value &&
          f.first > g.first) {
        continue;
      }
      if (g.first <= f.first && f.last <= g.last && g.last - g.first > len) {
        inside = true;
        break;
      }
      // The answer to the question asked owns its words: "not sure if it's swollen",
      // asked about the calf, is about the calf, not the knee's swelling.
      if (g.asked && !f.asked && g.rules != f.rules && g.first <= f.first && f.last <= g.last) {
        inside = true;
        break;
      }
    }
    if (!inside) kept.push_back(f);
  }

  // 2. Apply negation, hedges and implications.
  std::vector<Candidate> candidates;
  for (const Finding& f : kept) {
    Scope scope = f.first < marks.size() ? marks[f.first] : Scope::kNone;
    // Negated from behind only when the whole phrase lies before the post-trigger: the
    // phrase "calf is fine" (calf=no) is not negated by its own "is fine".
    if (scope == Scope::kNegatedBefore &&
        !(f.last - 1 < marks.size() && marks[f.last - 1] == Scope::kNegatedBefore)) {
      scope = Scope::kNone;
    }
    const SlotRules& r = *f.rules;
    if (IsNegated(scope)) {
      auto it = r.negated.find(*f.value);
      if (it != r.negated.end() && it->second) {
        candidates.push_back({it->second->slot, it->second->value, f.first, kNegative});
      }
      continue;
    }
    // A hedged degree keeps its degree: "maybe a little swollen" is mild swelling, the
    // value a bare "a bit" gives when the slot is asked, not "unsure".
    const bool degree = !r.partial.empty() && r.partial != r.affirm && *f.value == r.partial;
    if (scope == Scope::kHedged && !degree) {
      if (r.spec->type == SlotType::kEnum) {
        candidates.push_back({r.spec, std::string(kUnsure), f.first, kHedge});
      }
      continue;
    }
    candidates.push_back({r.spec, *f.value, f.first, kPlain});
    for (const char* key : {"*", f.value->c_str()}) {
      auto it = r.implies.find(key);
      if (it != r.implies.end()) {
        candidates.push_back({it->second.slot, it->second.value, f.first, kPlain});
      }
    }
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [](const Candidate& a, const Candidate& b) { return a.position < b.position; });

  // 3. One value per slot.
  json slots = json::object();
  std::vector<const SlotSpec*> seen;
  for (const Candidate& c : candidates) {
    if (std::find(seen.begin(), seen.end(), c.slot) != seen.end()) continue;
    seen.push_back(c.slot);
    const SlotRules* rules = lexicon.Rules(c.slot->name);
    Strength best = kHedge;
    for (const Candidate& d : candidates) {
      if (d.slot == c.slot) best = std::min(best, d.strength);
    }
    std::vector<const Candidate*> mine;
    for (const Candidate& d : candidates) {
      if (d.slot == c.slot && d.strength == best) mine.push_back(&d);
    }
    if (c.slot->type == SlotType::kList) {
      if (best != kPlain) continue;
      json list = json::array();
      for (const Candidate* d : mine) {
        if (std::find(list.begin(), list.end(), d->value) == list.end()) list.push_back(d->value);
      }
      if (list.size() > 1) list.erase(std::remove(list.begin(), list.end(), "none"), list.end());
      slots[c.slot->name] = std::move(list);
      continue;
    }
    // Priority values first, then anything but the "no" value ("no fever but shivery"
    // is a fever), then the first mention.
    const Candidate* pick = mine.front();
    if (rules != nullptr) {
      auto key = [&](const Candidate* d) {
        return std::make_pair(Rank(rules->priority, d->value), d->value == rules->spec->deny);
      };
      for (const Candidate* d : mine) {
        if (key(d) < key(pick)) pick = d;
      }
    }
    std::string value = pick->value;
    if (rules != nullptr && best == kPlain) {
      for (const auto& [a, b, both] : rules->combine) {
        auto has = [&](const std::string& v) {
          return std::any_of(mine.begin(), mine.end(),
                             [&](const Candidate* d) { return d->value == v; });
        };
        if (has(a) && has(b)) value = both;
      }
    }
    slots[c.slot->name] = value;
  }

  // 4. Suppressions.
  ApplySuppressions(lexicon, &slots);
  return slots;
}

void ApplySuppressions(const Lexicon& lexicon, json* slots) {
  for (const Suppression& s : lexicon.suppressions()) {
    auto when = slots->find(s.when.slot->name);
    if (when == slots->end()) continue;
    const bool holds = when->is_array()
                           ? std::find(when->begin(), when->end(), s.when.value) != when->end()
                           : *when == s.when.value;
    if (!holds) continue;
    auto drop = slots->find(s.drop.slot->name);
    if (drop == slots->end()) continue;
    if (s.drop.value.empty() || *drop == s.drop.value) {
      slots->erase(drop);
    } else if (drop->is_array()) {
      drop->erase(std::remove(drop->begin(), drop->end(), s.drop.value), drop->end());
      if (drop->empty()) slots->erase(drop);
    }
  }
}

}  // namespace kneebot::intents
