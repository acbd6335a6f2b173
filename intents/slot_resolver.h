// ResolveSlots: the slot phrases found in one message -> one value per slot.
//
//   "didn't fall but twisted it, no swelling, sore on the inside and the front"
//   -> injury yes (a positive twist beats a negated fall), mechanism twist,
//      swelling no, location inside (first mentioned)
//
// The rules, in order:
// 1. A phrase inside a longer phrase is dropped: "calf is swollen" is about the calf,
//    not knee swelling; "a bit swollen" is mild, not plain "yes". A phrase of another
//    slot lying on an "asked" phrase of the pending question is dropped too: "swollen"
//    asked about the calf is the calf.
// 2. A negated phrase means its "negated" value ("no swelling" -> swelling no) or
//    nothing; a hedged one ("not sure if it's swollen") means "unsure", except a
//    hedged degree, which keeps it ("maybe a little swollen" -> mild: the slot's
//    "partial" answer value). A phrase negated by a post-trigger ("calf is sore ...
//    none") counts as negated only when it ends before the trigger. Negation can only
//    ever produce the negative value, so a negated red flag never comes out positive.
// 3. Per slot, plain (un-negated) mentions win over negated ones, which win over
//    hedged ones. Among plain mentions a "priority" value wins (rapid swelling), then
//    the first one; "combine" turns left + right into both. List slots keep every
//    plain value, in order ("none" only when nothing else is named).
// 4. "suppress" rules drop slots that another finding explains (a locked knee is why
//    it will not straighten).
#ifndef KNEEBOT_INTENTS_SLOT_RESOLVER_H_
#define KNEEBOT_INTENTS_SLOT_RESOLVER_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "intents/lexicon.h"
#include "intents/negation.h"

namespace kneebot::intents {

nlohmann::json ResolveSlots(const Lexicon& lexicon, std::vector<Finding> findings,
                            const std::vector<Scope>& marks);

// Drops the slots that another one explains (lexicon.json "suppress"): used by
// ResolveSlots and again after a short answer fills the slot asked ("no, it's warm").
void ApplySuppressions(const Lexicon& lexicon, nlohmann::json* slots);

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_SLOT_RESOLVER_H_
