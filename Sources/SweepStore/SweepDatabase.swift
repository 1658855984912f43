import SweepCore
import GRDB
