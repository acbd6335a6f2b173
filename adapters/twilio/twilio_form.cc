#include "adapters/twilio/twilio_form.h"

namespace kneebot {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() &&
               HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];  // a stray '%' stays as it is, as in most form decoders
    }
  }
  return out;
}

}  // namespace

FormParams ParseForm(std::string_view body) {
  FormParams params;
  while (!body.empty()) {
    const size_t amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      params.emplace_back(Decode(pair.substr(0, eq)),
                          eq == std::string_view::npos ? "" : Decode(pair.substr(eq + 1)));
    }
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return params;
}

std::optional<std::string> FormValue(const FormParams& params, std::string_view name) {
  for (const auto& [n, v] : params) {
    if (n == name) return v;
  }
  return std::nullopt;
}

}  // namespace kneebot
