import SweepCore
import Hummingbird
