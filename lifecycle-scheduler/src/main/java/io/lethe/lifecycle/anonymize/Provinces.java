package io.lethe.lifecycle.anonymize;

import java.util.List;
import java.util.Optional;

/**
 * China's 34 provincial-level divisions (GB/T 2260): the official name, the short name an address
 * may start with instead, and the one-character abbreviation that begins a plate (GA 36-2018).
 * Generalized values are the official names, so every spelling of a province counts as one.
 */
final class Provinces {

  record Province(String name, String shortName, String plateChar) {}

  static final List<Province> ALL = List.of(
      new Province("北京市", "北京", "京"), new Province("天津市", "天津", "津"),
      new Province("河北省", "河北", "冀"), new Province("山西省", "山西", "晋"),
      new Province("内蒙古自治区", "内蒙古", "蒙"), new Province("辽宁省", "辽宁", "辽"),
      new Province("吉林省", "吉林", "吉"), new Province("黑龙江省", "黑龙江", "黑"),
      new Province("上海市", "上海", "沪"), new Province("江苏省", "江苏", "苏"),
      new Province("浙江省", "浙江", "浙"), new Province("安徽省", "安徽", "皖"),
      new Province("福建省", "福建", "闽"), new Province("江西省", "江西", "赣"),
      new Province("山东省", "山东", "鲁"), new Province("河南省", "河南", "豫"),
      new Province("湖北省", "湖北", "鄂"), new Province("湖南省", "湖南", "湘"),
      new Province("广东省", "广东", "粤"), new Province("广西壮族自治区", "广西", "桂"),
      new Province("海南省", "海南", "琼"), new Province("重庆市", "重庆", "渝"),
      new Province("四川省", "四川", "川"), new Province("贵州省", "贵州", "贵"),
      new Province("云南省", "云南", "云"), new Province("西藏自治区", "西藏", "藏"),
      new Province("陕西省", "陕西", "陕"), new Province("甘肃省", "甘肃", "甘"),
      new Province("青海省", "青海", "青"), new Province("宁夏回族自治区", "宁夏", "宁"),
      new Province("新疆维吾尔自治区", "新疆", "新"), new Province("台湾省", "台湾", ""),
      new Province("香港特别行政区", "香港", ""), new Province("澳门特别行政区", "澳门", ""));

  private Provinces() {}

  /** The province an address starts with, by its official or its short name. */
  static Optional<Province> ofAddress(String address) {
    String a = address.strip();
    // Official names first; "吉林市..." (a city of 吉林省) then matches the short name, rightly.
    return ALL.stream().filter(p -> a.startsWith(p.name())).findFirst()
        .or(() -> ALL.stream().filter(p -> a.startsWith(p.shortName())).findFirst());
  }

  /** The province that issued a plate, from its first character. */
  static Optional<Province> ofPlate(String plate) {
    if (plate.isEmpty()) {
      return Optional.empty();
    }
    String first = plate.substring(0, plate.offsetByCodePoints(0, 1));
    return ALL.stream().filter(p -> p.plateChar().equals(first)).findFirst();
  }
}
