// The parameters of an application/x-www-form-urlencoded body, decoded ('+' is a space,
// %2B a plus) and in the order received, repeated names kept: Twilio signs every
// parameter it sent, so none may be dropped or merged before the check.
#ifndef KNEEBOT_ADAPTERS_TWILIO_TWILIO_FORM_H_
#define KNEEBOT_ADAPTERS_TWILIO_TWILIO_FORM_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kneebot {

using FormParams = std::vector<std::pair<std::string, std::string>>;

FormParams ParseForm(std::string_view body);

// The first value of `name`, or nullopt.
std::optional<std::string> FormValue(const FormParams& params, std::string_view name);

}  // namespace kneebot

#endif  // KNEEBOT_ADAPTERS_TWILIO_TWILIO_FORM_H_
