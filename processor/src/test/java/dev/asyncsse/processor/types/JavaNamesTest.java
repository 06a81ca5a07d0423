package dev.asyncsse.processor.types;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaNamesTest {

  @ParameterizedTest
  @CsvSource({
    "Account Service, AccountService",
    "Streetlights MQTT API, StreetlightsMqttApi",
    "userSignups, UserSignups",
    "lightMeasuredPayload, LightMeasuredPayload",
    "com.example.Order, ComExampleOrder",
    "1.0, _10",
    "'', Type",
    "user_signed-up, UserSignedUp",
    "HTTPRequestURL, HttpRequestUrl",
    "XMLValue, XmlValue",
    "getIOStream, GetIoStream",
    "PA, Pa",
    "getURLs, GetURLs",
    "URLsByHost, URLsByHost",
  })
  void typeNames(String raw, String expected) {
    assertEquals(expected, JavaNames.typeName(raw));
  }

  @ParameterizedTest
  @CsvSource({
    "String, StringType",
    "override, OverrideType",
    "Order, Order",
  })
  void classNamesAvoidJavaLang(String raw, String expected) {
    assertEquals(expected, JavaNames.className(raw));
  }

  @ParameterizedTest
  @CsvSource({
    "displayName, displayName",
    "my-app-header, myAppHeader",
    "@id, id",
    "class, class_",
    "Content-Type, contentType",
    "ID, id",
    "2fa, _2fa",
    "'', value",
    "_, value",
    "wait, wait_",
    "hashCode, hashCode_",
    "getClass, getClass_",
    "XMLValue, xmlValue",
    "HTTPRequestURL, httpRequestUrl",
    "userID, userId",
  })
  void memberNames(String raw, String expected) {
    assertEquals(expected, JavaNames.memberName(raw));
  }

  @ParameterizedTest
  @CsvSource({
    "on, ON",
    "userSignedup, USER_SIGNEDUP",
    "lightMeasured, LIGHT_MEASURED",
    "HTTPRequest, HTTP_REQUEST",
    "1.0, _1_0",
    "'+', PLUS_SIGN",
    "'-', HYPHEN_MINUS",
    "' ', SPACE",
    "'', EMPTY",
  })
  void constantNames(String raw, String expected) {
    assertEquals(expected, JavaNames.constantName(raw));
  }
}
