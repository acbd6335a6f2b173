// ExpandPhrases: the plain phrases a simple regex stands for, so that it can be looked
// up token by token instead of run through RE2.
//
//   "swell(s|ed|ing)?( up)?"  -> swell, swells, swelled, swelling, swell up, ...
//   "knees? (hurts?|aches?)"  -> knee hurt, knee hurts, knees hurt, ... (16 phrases)
//   "(a |the )?bit swollen"   -> a bit swollen, the bit swollen, bit swollen
//
// Only lower-case letters, spaces, groups "(...|...)" and "(?:...)", and "?" after a
// letter or a group are understood; anything else (classes, \b, ., *, +, {n}, anchors)
// leaves the pattern to RE2. So does a pattern whose expansion exceeds `limit` phrases
// or yields a phrase that is not plain words with single spaces ("(a )?( b)" -> "a  b").
#ifndef KNEEBOT_INTENTS_PHRASE_EXPANDER_H_
#define KNEEBOT_INTENTS_PHRASE_EXPANDER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kneebot::intents {

// True and the phrases, without duplicates, when `pattern` is such a simple regex.
bool ExpandPhrases(std::string_view pattern, size_t limit, std::vector<std::string>* out);

}  // namespace kneebot::intents

#endif  // KNEEBOT_INTENTS_PHRASE_EXPANDER_H_
