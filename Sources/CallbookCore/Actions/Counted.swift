/// A number with its noun in agreement: "1 warning", "2 warnings", "0 errors".
func counted(_ number: Int, _ singular: String, _ plural: String? = nil) -> String {
    "\(number) " + (number == 1 ? singular : plural ?? singular + "s")
}
