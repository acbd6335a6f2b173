// Fitting a quick reply's title into a platform's button (WhatsApp buttons 20 characters,
// list rows 24, Messenger quick replies 20). Meta counts characters, not bytes.
//
//   meta::FitOptionTitle("Inner side, just below the joint", 24)  // "Inner side, just below…"
#ifndef KNEEBOT_ADAPTERS_META_OPTION_TITLE_H_
#define KNEEBOT_ADAPTERS_META_OPTION_TITLE_H_

#include <string>
#include <string_view>
#include <vector>

#include "bot/activity.h"

namespace kneebot::meta {

// Characters (UTF-8 code points) in `text`.
size_t Utf8Length(std::string_view text);

// `title` when it has at most `max_chars` characters; otherwise cut to leave room for
// "…", at the last word break when that keeps most of it, else mid-word. The person
// still reads how the option starts, instead of the platform refusing the message.
std::string FitOptionTitle(std::string_view title, size_t max_chars);

// True when every option's fitted title is distinct: both platforms refuse (or make
// ambiguous) two buttons with the same label.
bool FittedTitlesDistinct(const std::vector<QuickReply>& options, size_t max_chars);

}  // namespace kneebot::meta

#endif  // KNEEBOT_ADAPTERS_META_OPTION_TITLE_H_
