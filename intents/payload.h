// ReadPayload: a quick-reply payload sent back as the message text.
//
//   "/location=inside" -> slots {"location": "inside"}
//   "/duration=21"     -> slots {"duration": 21}      (int slots parse, within min-max)
//   "/aggravators=stairs" -> slots {"aggravators": ["stairs"]}
//   "/ask_ice"         -> intent ask_ice
//
// A payload is the whole message, exactly; it is checked against the vocabulary and a
// malformed one ("/location=elbow", "/nosuchintent") means nothing rather than being
// guessed at: buttons come from our own content, so a bad one is a bug or a forgery.
#ifndef KNEEBOT_INTENTS_PAYLOAD_H_
#define KNEEBOT_INTENTS_PAYLOAD_H_

#include <string>
#include <string_view>
#include <vector>

#include "intents/slot_vocabulary.h"
#include "intents/understanding.h"

namespace kneebot::intents {

// False when `text` is not a payload (does not start with "/"). Otherwise true, with
// *out filled for a valid payload and left empty for a malformed one.
bool ReadPayload(std::string_view text, const SlotVocabulary& vocabulary,
                 const std::vector<std::string>& intent_ids, Understanding* out);

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_PAYLOAD_H_
