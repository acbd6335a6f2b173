// Known-answer tests of Twilio's request signature (channels.md 2.5: Twilio's docs,
// twilio-python's unit tests, and a self-computed SMS), and of form decoding.
#include "adapters/twilio/twilio_signature.h"

#include <gtest/gtest.h>

namespace kneebot {
namespace {

constexpr char kToken[] = "12345";
constexpr char kSdkUrl[] = "https://mycompany.com/myapp.php?foo=1&bar=2";

FormParams SdkParams() {
  return {{"CallSid", "CA1234567890ABCDE"},
          {"Digits", "1234"},
          {"From", "+14158675309"},
          {"To", "+18005551212"},
          {"Caller", "+14158675309"}};
}

TEST(TwilioSignatureTest, DocsExample) {
  const FormParams params = {{"Digits", "1234"},
                             {"To", "+18005551212"},
                             {"From", "+14158675310"},
                             {"Caller", "+14158675310"},
                             {"CallSid", "CA1234567890ABCDE"}};
  EXPECT_EQ(TwilioSignature(kToken, "https://example.com/myapp.php?foo=1&bar=2", params),
            "L/OH5YylLD5NRKLltdqwSvS0BnU=");
}

TEST(TwilioSignatureTest, SdkVectors) {
  EXPECT_EQ(TwilioSignature(kToken, kSdkUrl, SdkParams()), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");
  EXPECT_EQ(TwilioSignature(kToken, "https://mycompany.com:443/myapp.php?foo=1&bar=2", SdkParams()),
            "kvajT1Ptam85bY51eRf/AJRuM3w=");
  EXPECT_EQ(TwilioSignature(kToken, "http://mycompany.com:80/myapp.php?foo=1&bar=2", SdkParams()),
            "0ZXoZLH/DfblKGATFgpif+LLRf4=");
  EXPECT_EQ(TwilioSignature(kToken, "http://mycompany.com:1234/myapp.php?foo=1&bar=2", SdkParams()),
            "Zmvh+3yNM1Phv2jhDCwEM3q5ebU=");
}

TEST(TwilioSignatureTest, RepeatedNamesSortTheirValuesAndDropDuplicates) {
  const FormParams params = {{"Sid", "CA123"},
                             {"SidAccount", "AC123"},
                             {"Digits", "5678"},
                             {"Digits", "1234"},
                             {"Digits", "1234"}};
  EXPECT_EQ(TwilioSignature(kToken, kSdkUrl, params), "IK+Dwps556ElfBT0I3Rgjkr1wJU=");
}

TEST(TwilioSignatureTest, BodyHashUrlWithNoParameters) {
  EXPECT_EQ(TwilioSignature(kToken,
                            std::string(kSdkUrl) + "&bodySHA256=0a1ff7634d9ab3b95db5c9a2dfe9416e"
                                                   "41502b283a80c7cf19632632f96e6620",
                            {}),
            "a9nBmqA0ju/hNViExpshrM61xv4=");
}

TEST(TwilioSignatureTest, SelfComputedSmsFromItsRawBody) {
  const FormParams params = ParseForm(
      "ToCountry=US&SmsMessageSid=SM0123456789abcdef0123456789abcdef&NumMedia=0&SmsSid="
      "SM0123456789abcdef0123456789abcdef&SmsStatus=received&Body=My+knee+hurts+when+I+climb+"
      "stairs&To=%2B15555550199&NumSegments=1&MessageSid=SM0123456789abcdef0123456789abcdef&"
      "AccountSid=AC0123456789abcdef0123456789abcdef&From=%2B15555550100&ApiVersion=2010-04-01");
  EXPECT_EQ(TwilioSignature(kToken, "https://example.com/twilio/sms", params),
            "BHW8XUnzTvCw9N9Zn5BHRdbVKA0=");
  EXPECT_TRUE(TwilioSignatureMatches(kToken, "https://example.com/twilio/sms", params,
                                     "BHW8XUnzTvCw9N9Zn5BHRdbVKA0="));
}

TEST(TwilioSignatureTest, MatchesWithTheDefaultPortAddedOrAnyPortRemoved) {
  // Signed without a port: the URL seen with :443 or with another port still matches.
  EXPECT_TRUE(TwilioSignatureMatches(kToken, kSdkUrl, SdkParams(), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
  EXPECT_TRUE(TwilioSignatureMatches(kToken, "https://mycompany.com:1234/myapp.php?foo=1&bar=2",
                                     SdkParams(), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
  // Signed with the default port while the URL has none.
  EXPECT_TRUE(TwilioSignatureMatches(kToken, kSdkUrl, SdkParams(), "kvajT1Ptam85bY51eRf/AJRuM3w="));
  EXPECT_TRUE(TwilioSignatureMatches(kToken, "http://mycompany.com/myapp.php?foo=1&bar=2",
                                     SdkParams(), "0ZXoZLH/DfblKGATFgpif+LLRf4="));
}

TEST(TwilioSignatureTest, AnythingElseDoesNotMatch) {
  EXPECT_FALSE(TwilioSignatureMatches(kToken, kSdkUrl, SdkParams(), ""));
  EXPECT_FALSE(TwilioSignatureMatches("54321", kSdkUrl, SdkParams(), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
  EXPECT_FALSE(TwilioSignatureMatches(kToken, "https://mycompany.com/myapp.php?foo=1&bar=3",
                                      SdkParams(), "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
  FormParams more = SdkParams();
  more.emplace_back("Body", "extra");
  EXPECT_FALSE(TwilioSignatureMatches(kToken, kSdkUrl, more, "RSOYDt4T1cUTdK1PDd93/VVr8B8="));
  EXPECT_FALSE(TwilioSignatureMatches(kToken, kSdkUrl, SdkParams(), "RSOYDt4T1cUTdK1PDd93/VVr8B8"));
  EXPECT_FALSE(TwilioSignatureMatches(kToken, kSdkUrl, SdkParams(), "rsoydt4t1cutdk1pdd93/vvr8b8="));
}

TEST(TwilioFormTest, DecodesPlusPercentAndKeepsRepeats) {
  const FormParams p = ParseForm("Body=a+b%2Bc%26d&&From=%2B1&Digits=1&Digits=2&Flag&Bad=%zz%");
  ASSERT_EQ(p.size(), 6u);
  EXPECT_EQ(p[0], (std::pair<std::string, std::string>{"Body", "a b+c&d"}));
  EXPECT_EQ(p[1], (std::pair<std::string, std::string>{"From", "+1"}));
  EXPECT_EQ(p[2].second, "1");
  EXPECT_EQ(p[3].second, "2");
  EXPECT_EQ(p[4], (std::pair<std::string, std::string>{"Flag", ""}));
  EXPECT_EQ(p[5].second, "%zz%");
  EXPECT_EQ(FormValue(p, "Digits"), "1");
  EXPECT_EQ(FormValue(p, "Missing"), std::nullopt);
  EXPECT_TRUE(ParseForm("").empty());
}

}  // namespace
}  // namespace kneebot
