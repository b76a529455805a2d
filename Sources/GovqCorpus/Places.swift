/// Real Chinese place names and the bodies that publish reports, so that generated districts
/// and units look like the ones users will group by (济南市历城区, 临淄区人民政府办公室, …).

/// One issuing body: the unit as its report's title names it, and the district (the unit with
/// the body's suffix stripped).
public struct Issuer: Sendable, Hashable {
    public var unit: String
    public var district: String
}

enum Places {
    /// province → (city, districts and counties).
    static let cities: [(province: String, city: String, districts: [String])] = [
        ("山东省", "济南市", ["历下区", "市中区", "槐荫区", "天桥区", "历城区", "长清区", "章丘区", "济阳区", "莱芜区", "平阴县", "商河县"]),
        ("山东省", "青岛市", ["市南区", "市北区", "黄岛区", "崂山区", "李沧区", "城阳区", "即墨区", "胶州市", "平度市", "莱西市"]),
        ("山东省", "淄博市", ["淄川区", "张店区", "博山区", "临淄区", "周村区", "桓台县", "高青县", "沂源县"]),
        ("山东省", "济宁市", ["任城区", "兖州区", "曲阜市", "邹城市", "微山县", "鱼台县", "金乡县", "嘉祥县", "汶上县", "泗水县", "梁山县"]),
        ("山东省", "烟台市", ["芝罘区", "福山区", "牟平区", "莱山区", "蓬莱区", "龙口市", "莱阳市", "莱州市", "招远市", "栖霞市", "海阳市"]),
        ("浙江省", "杭州市", ["上城区", "下城区", "江干区", "拱墅区", "西湖区", "滨江区", "萧山区", "余杭区", "富阳区", "临安区", "桐庐县", "淳安县", "建德市"]),
        ("浙江省", "宁波市", ["海曙区", "江北区", "北仑区", "镇海区", "鄞州区", "奉化区", "余姚市", "慈溪市", "象山县", "宁海县"]),
        ("浙江省", "温州市", ["鹿城区", "龙湾区", "瓯海区", "洞头区", "瑞安市", "乐清市", "永嘉县", "平阳县", "苍南县", "文成县", "泰顺县"]),
        ("江苏省", "南京市", ["玄武区", "秦淮区", "建邺区", "鼓楼区", "浦口区", "栖霞区", "雨花台区", "江宁区", "六合区", "溧水区", "高淳区"]),
        ("江苏省", "苏州市", ["姑苏区", "虎丘区", "吴中区", "相城区", "吴江区", "常熟市", "张家港市", "昆山市", "太仓市"]),
        ("江苏省", "无锡市", ["梁溪区", "锡山区", "惠山区", "滨湖区", "新吴区", "江阴市", "宜兴市"]),
        ("广东省", "广州市", ["荔湾区", "越秀区", "海珠区", "天河区", "白云区", "黄埔区", "番禺区", "花都区", "南沙区", "从化区", "增城区"]),
        ("广东省", "深圳市", ["罗湖区", "福田区", "南山区", "宝安区", "龙岗区", "盐田区", "龙华区", "坪山区", "光明区"]),
        ("广东省", "佛山市", ["禅城区", "南海区", "顺德区", "三水区", "高明区"]),
        ("河南省", "郑州市", ["中原区", "二七区", "管城回族区", "金水区", "上街区", "惠济区", "中牟县", "巩义市", "荥阳市", "新密市", "新郑市", "登封市"]),
        ("河南省", "洛阳市", ["老城区", "西工区", "瀍河回族区", "涧西区", "洛龙区", "孟津区", "新安县", "栾川县", "嵩县", "汝阳县", "宜阳县", "洛宁县", "伊川县", "偃师区"]),
        ("四川省", "成都市", ["锦江区", "青羊区", "金牛区", "武侯区", "成华区", "龙泉驿区", "青白江区", "新都区", "温江区", "双流区", "郫都区", "新津区", "金堂县", "大邑县", "蒲江县"]),
        ("四川省", "绵阳市", ["涪城区", "游仙区", "安州区", "三台县", "盐亭县", "梓潼县", "北川羌族自治县", "平武县", "江油市"]),
        ("湖北省", "武汉市", ["江岸区", "江汉区", "硚口区", "汉阳区", "武昌区", "青山区", "洪山区", "东西湖区", "汉南区", "蔡甸区", "江夏区", "黄陂区", "新洲区"]),
        ("湖北省", "宜昌市", ["西陵区", "伍家岗区", "点军区", "猇亭区", "夷陵区", "远安县", "兴山县", "秭归县", "宜都市", "当阳市", "枝江市"]),
        ("湖南省", "长沙市", ["芙蓉区", "天心区", "岳麓区", "开福区", "雨花区", "望城区", "长沙县", "浏阳市", "宁乡市"]),
        ("河北省", "石家庄市", ["长安区", "桥西区", "新华区", "井陉矿区", "裕华区", "藁城区", "鹿泉区", "栾城区", "井陉县", "正定县", "行唐县", "灵寿县", "高邑县"]),
        ("河北省", "保定市", ["竞秀区", "莲池区", "满城区", "清苑区", "徐水区", "涞水县", "阜平县", "定兴县", "唐县", "高阳县", "涿州市", "定州市"]),
        ("陕西省", "西安市", ["新城区", "碑林区", "莲湖区", "灞桥区", "未央区", "雁塔区", "阎良区", "临潼区", "长安区", "高陵区", "鄠邑区", "蓝田县", "周至县"]),
        ("福建省", "福州市", ["鼓楼区", "台江区", "仓山区", "马尾区", "晋安区", "长乐区", "闽侯县", "连江县", "罗源县", "闽清县", "永泰县", "福清市"]),
        ("福建省", "厦门市", ["思明区", "海沧区", "湖里区", "集美区", "同安区", "翔安区"]),
        ("安徽省", "合肥市", ["瑶海区", "庐阳区", "蜀山区", "包河区", "长丰县", "肥东县", "肥西县", "庐江县", "巢湖市"]),
        ("江西省", "南昌市", ["东湖区", "西湖区", "青云谱区", "青山湖区", "新建区", "红谷滩区", "南昌县", "安义县", "进贤县"]),
        ("辽宁省", "沈阳市", ["和平区", "沈河区", "大东区", "皇姑区", "铁西区", "苏家屯区", "浑南区", "沈北新区", "于洪区", "辽中区", "康平县", "法库县", "新民市"]),
        ("吉林省", "长春市", ["南关区", "宽城区", "朝阳区", "二道区", "绿园区", "双阳区", "九台区", "农安县", "榆树市", "德惠市"]),
        ("黑龙江省", "哈尔滨市", ["道里区", "南岗区", "道外区", "平房区", "松北区", "香坊区", "呼兰区", "阿城区", "双城区", "依兰县", "方正县", "宾县"]),
        ("山西省", "太原市", ["小店区", "迎泽区", "杏花岭区", "尖草坪区", "万柏林区", "晋源区", "清徐县", "阳曲县", "娄烦县", "古交市"]),
        ("云南省", "昆明市", ["五华区", "盘龙区", "官渡区", "西山区", "东川区", "呈贡区", "晋宁区", "富民县", "宜良县", "石林彝族自治县", "嵩明县"]),
        ("贵州省", "贵阳市", ["南明区", "云岩区", "花溪区", "乌当区", "白云区", "观山湖区", "开阳县", "息烽县", "修文县", "清镇市"]),
        ("广西壮族自治区", "南宁市", ["兴宁区", "青秀区", "江南区", "西乡塘区", "良庆区", "邕宁区", "武鸣区", "隆安县", "马山县", "上林县", "宾阳县", "横县"]),
        ("内蒙古自治区", "呼和浩特市", ["新城区", "回民区", "玉泉区", "赛罕区", "土默特左旗", "托克托县", "和林格尔县", "清水河县", "武川县"]),
        ("甘肃省", "兰州市", ["城关区", "七里河区", "西固区", "安宁区", "红古区", "永登县", "皋兰县", "榆中县"]),
    ]

    /// Development zones and new areas issue their own reports (the 济宁经济技术开发区 sample).
    static let zones = ["经济技术开发区", "高新技术产业开发区", "高新区", "新区", "综合保税区"]

    /// Bodies below a district government that publish their own report. The district is the
    /// title with this suffix removed.
    static let bodies = [
        "人民政府", "人民政府办公室", "人民政府办公室", "人民政府", "教育局", "财政局", "公安分局",
        "自然资源局", "生态环境分局", "住房和城乡建设局", "交通运输局", "卫生健康局",
        "市场监督管理局", "民政局", "人力资源和社会保障局", "农业农村局", "水务局", "应急管理局",
        "审计局", "统计局", "司法局", "医疗保障局", "退役军人事务局", "发展和改革局", "商务局",
        "文化和旅游局", "城市管理局", "科学技术局",
    ]

    /// A random issuer: usually a district-level body, sometimes a city government or a zone.
    static func issuer(_ r: inout CorpusRandom) -> Issuer {
        let c = r.pick(cities)
        let place: String
        switch r.int(100) {
        case 0..<6: place = c.city
        case 6..<10: place = String(c.city.dropLast()) + r.pick(zones)
        case 10..<55: place = c.city + r.pick(c.districts)
        default: place = r.pick(c.districts)
        }
        // A report titled by its place alone (济南市历城区2019年…) names no body.
        if r.chance(0.08) { return Issuer(unit: place, district: place) }
        let body = place.hasSuffix("开发区") || place.hasSuffix("新区") || place.hasSuffix("高新区") || place.hasSuffix("保税区")
            ? r.pick(["管理委员会", "管委会", "管理委员会办公室"]) : r.pick(bodies)
        return Issuer(unit: place + body, district: place)
    }

    /// Every issuer the generator can name, each unit once, in a fixed order.
    static let allIssuers: [Issuer] = {
        var out: [Issuer] = [], seen = Set<String>()
        func add(_ place: String) {
            let zone = place.hasSuffix("开发区") || place.hasSuffix("新区") || place.hasSuffix("高新区") || place.hasSuffix("保税区")
            for body in [""] + (zone ? ["管理委员会", "管委会", "管理委员会办公室"] : bodies) where seen.insert(place + body).inserted {
                out.append(Issuer(unit: place + body, district: place))
            }
        }
        for c in cities {
            add(c.city)
            for z in zones { add(String(c.city.dropLast()) + z) }
            for d in c.districts { add(c.city + d); add(d) }
        }
        return out
    }()

    /// The issuer of report slot `k`: distinct for the first `allIssuers.count` slots (a unit
    /// publishes one report a year, and the loader counts a unit's year once), in an order
    /// that mixes places and bodies.
    static func issuer(slot k: Int) -> Issuer {
        let n = allIssuers.count
        // 7919 is prime and does not divide n, so k ↦ 7919·k + 13 (mod n) is a permutation.
        let stride = n % 7919 == 0 ? 7907 : 7919
        return allIssuers[(k % n * stride + 13) % n]
    }
}

