// Checks every adapter makes on the text a person sent, whatever the channel.
#ifndef KNEEBOT_ADAPTERS_TEXT_CHECKS_H_
#define KNEEBOT_ADAPTERS_TEXT_CHECKS_H_

#include <cstddef>
#include <string_view>

namespace kneebot {

// Code points in valid UTF-8 (the JSON parser has already rejected invalid UTF-8):
// every byte except continuation bytes 10xxxxxx starts one. Limits are in code points
// so a message in any script gets the same room.
size_t CodePoints(std::string_view s);

// True when `s` holds nothing but ASCII whitespace: such a message says nothing.
bool IsBlank(std::string_view s);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_TEXT_CHECKS_H_
